// The command table is a chain of groups owned by the subsystems that register them, so
// the shell spends no RAM per command and a subsystem's commands stay in flash.
#include <string.h>

#include "session.hpp"

namespace tern::shell {

namespace {
CommandGroup* first_group = nullptr;
}  // namespace

void register_commands(CommandGroup& group) {
    CommandGroup** link = &first_group;  // the end of the chain, unless it holds the group
    for (; *link != nullptr; link = &(*link)->next) {
        if (*link == &group) return;
    }
    group.next = nullptr;
    *link = &group;
}

const Command* command_at(unsigned index) {
    for (CommandGroup* g = first_group; g != nullptr; g = g->next) {
        if (index < g->count) return &g->commands[index];
        index -= g->count;
    }
    return nullptr;
}

// The first registration of a name wins: a later one cannot hijack a built-in.
const Command* find_command(const char* name, size_t length) {
    const Command* c;
    for (unsigned i = 0; (c = command_at(i)) != nullptr; ++i) {
        if (strncmp(c->name, name, length) == 0 && c->name[length] == '\0') return c;
    }
    return nullptr;
}

const Command* find_command(const char* name) {
    return find_command(name, strlen(name));
}

void offer_command_names(Offer offer, void* ctx) {
    const Command* c;
    for (unsigned i = 0; (c = command_at(i)) != nullptr; ++i) offer(c->name, ctx);
}

}  // namespace tern::shell
