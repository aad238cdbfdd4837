// The migration state machine one message at a time (manual network), and bad images and
// snapshots refused before anything runs.
#include <gtest/gtest.h>

#include "sim.hpp"

using namespace tern::migration;
using namespace tern::migration::sim;

TEST(Transitions, Smoke) {
    World w(1, 2);
    const Program* p = find_program("counter");
    ASSERT_NE(p, nullptr);
    w.launch(1, *p);
    w.plans.push_back({"counter", p->instructions / 2, 2});
    for (int i = 0; i < 5000 && !w.halted_ever("counter"); i++) {
        w.deliver_due();
        w.step(100);
        w.advance(1);
    }
    EXPECT_TRUE(w.violations.empty()) << w.violations[0];
    EXPECT_EQ(w.output("counter"), p->reference);
    ASSERT_NE(w.node(2).copy("counter"), nullptr);
}
