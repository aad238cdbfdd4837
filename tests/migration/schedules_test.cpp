// Seeded fault schedules through the simulator (sim.hpp): each draws 3..8 nodes, 1..3
// programs of the corpus moved between random nodes at random instructions, and a mix of
// drops, duplicates, corruption, delays, partitions that heal and node resets. The
// guarantee (docs/migration.md) must hold on every one.
//
// MIGRATION_SCHEDULES=N (default 1000) and MIGRATION_SEED_BASE=S choose the seeds; the soak
// (`ninja -C build/host migration_soak`) runs 10,000.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "sim.hpp"

using namespace tern::migration::sim;

namespace {

std::uint64_t env_or(const char* name, std::uint64_t fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != 0 ? std::strtoull(v, nullptr, 10) : fallback;
}

void expect_holds(std::uint64_t seed) {
    ScheduleResult r = run_schedule(seed);
    for (const std::string& v : r.violations)
        ADD_FAILURE() << "seed " << seed << " (" << r.summary() << "): " << v;
}

}  // namespace

TEST(Schedules, GuaranteeHoldsOnEverySeed) {
    const std::uint64_t count = env_or("MIGRATION_SCHEDULES", 1000);
    const std::uint64_t base = env_or("MIGRATION_SEED_BASE", 1);
    int failing = 0;
    long moved = 0, failed = 0, lost = 0, resets = 0, partitions = 0, planned = 0;
    std::uint64_t starts[16] = {};
    for (std::uint64_t seed = base; seed < base + count; seed++) {
        ScheduleResult r = run_schedule(seed);
        moved += r.moved;
        failed += r.failed;
        lost += r.lost;
        resets += r.resets;
        partitions += r.partitions;
        planned += r.moves_planned;
        for (int i = 0; i < 16; i++) starts[i] += r.start_refusals[i];
        if (!r.violations.empty()) {
            if (++failing <= 20)
                ADD_FAILURE() << "seed " << seed << " (" << r.summary() << "): " << r.violations[0];
        }
    }
    std::printf("schedules %llu (seeds %llu..%llu): %ld moves planned, %ld moved, %ld failed and "
                "resumed, %ld programs lost to owner resets; %ld resets, %ld partitions; %d "
                "violating\n",
                (unsigned long long)count, (unsigned long long)base,
                (unsigned long long)(base + count - 1), planned, moved, failed, lost, resets,
                partitions, failing);
    std::printf("start():");
    for (int i = 0; i < 16; i++)
        if (starts[i] != 0)
            std::printf(" %s %llu;", i == 0 ? "started" : tern::migration::reason_text(tern::migration::Reason(i)),
                        (unsigned long long)starts[i]);
    std::printf("\n");
    EXPECT_EQ(failing, 0);
    EXPECT_GT(moved, long(count));  // the schedules do move programs
}

// Seeds that once broke the guarantee (or catch a deliberately broken migrator), kept as
// named regressions. The generator has grown since some were found (aimed faults, retried
// starts), so they no longer replay the exact original run, but they stay hard schedules.
// A source in `aborting` whose destination restarted got no answer: abort to an earlier
// life was not answered with unknown, and the program stayed paused forever.
TEST(Schedules, Seed162AbortToARestartedDestinationIsAnswered) { expect_holds(162); }
// A program that finished and then lost its node was reported lost "though it finished".
TEST(Schedules, Seed583FinishedThenItsNodeReset) { expect_holds(583); }
// Loss reports while the source's never-to-run paused copy (after commit) still existed.
TEST(Schedules, Seed954LossReportedWhileTheCommittedSourceCopyWaits) { expect_holds(954); }
TEST(Schedules, Seed1234LossReportedWhileTheCommittedSourceCopyWaits) { expect_holds(1234); }
// The destination reset after sending ready; the source committed on that stale ready: the
// program was lost by a reset of the node holding the ready copy (the guarantee's wording).
TEST(Schedules, Seed2392CommitOnAStaleReady) { expect_holds(2392); }
// The source reported a loss after the destination restarted, though the program had run
// there and moved on: led to the destination's `confirming` state.
TEST(Schedules, Seed720LostReportedButMovedOn) { expect_holds(720); }
TEST(Schedules, Seed956LostReportedButMovedOn) { expect_holds(956); }
TEST(Schedules, Seed1344LostReportedButMovedOn) { expect_holds(1344); }
TEST(Schedules, Seed1837LostReportedButMovedOn) { expect_holds(1837); }
// Fails (lines repeated) if a source resumes on a transfer timeout without waiting in
// `aborting` for the destination to drop its ready copy.
TEST(Schedules, Seed971SourceMustNotResumeWhileTheDestinationMayBeReady) { expect_holds(971); }
