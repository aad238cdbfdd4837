// The RPC core's NodeDirectory over the network's node table: a node's name resolves to its
// id, and it is reachable while the network has a route to it. Read-only: it uses only the
// table the network exposes (NetworkCore::nodes()), so RpcCore does not depend on the
// network's internals and a test can give it any other directory.
#pragma once
#include <string_view>

#include "tern/world/network.hpp"
#include "tern/world/rpc.hpp"

namespace tern::world {

class NetworkDirectory final : public NodeDirectory {
  public:
    explicit NetworkDirectory(const NetworkCore& network) : network_(network) {}

    Entry find(std::string_view name) const override {
        for (const auto& e : network_.nodes())
            if (e.id != kNoNode && name_of(e) == name) return {e.id, e.hops != 0xFF};
        return {0, false};
    }
    // Slot 0 is this node: the RPC core lists itself first on its own.
    std::string_view name_at(std::size_t index) const override {
        for (const auto& e : network_.nodes().subspan(1))
            if (e.id != kNoNode && index-- == 0) return name_of(e);
        return {};
    }

  private:
    static std::string_view name_of(const net::NodeEntry& e) {
        std::size_t n = 0;
        while (n < net::kNameSize && e.name[n]) ++n;
        return {e.name, n};
    }
    const NetworkCore& network_;
};

}  // namespace tern::world
