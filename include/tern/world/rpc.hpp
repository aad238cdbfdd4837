// tern::world RPC and the world namespace: `list`, `read`, `write` and `control` on paths
// `/nodes/<name>/...` that span every node of the world. A protocol core without I/O: one
// RpcCore per node is both the caller and the server. It is fed whole messages from the
// transport (one RPC message = one transport message), the transport's acked/lost/peer
// reset events and the time; it hands messages to send and finished calls to an RpcBinding,
// and names its next deadline. Wire format and rules: docs/world-rpc.md.
//
// Guarantees:
//  - Every call ends exactly once, through RpcBinding::completed, with ok or one distinct
//    error (Result below), unless this node itself resets. It may end during call() (a
//    path on this node, which is served without the network, or an error found at once).
//  - A reply is matched to its call by (sender, kind = reply, caller incarnation, call
//    id, op); call ids are never reused within an incarnation and each boot brings a
//    larger incarnation, so a reply is never taken for a request, nor for another call,
//    nor for a call of an earlier life. A reply that comes after its call ended (timed
//    out, or the peer reset) is counted and dropped.
//  - At-most-once execution: the core never retransmits a request (the transport's
//    exactly-once delivery does the retrying), so a handler runs at most once per call.
//    ok means it ran exactly once; timed_out and unreachable mean it ran at most once. A
//    call the user repeats after an error is a new call and may run again.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "tern/world/transport.hpp"

// Build-time sizes (no heap).
#ifndef TERN_RPC_MAX_CALLS
#define TERN_RPC_MAX_CALLS 8  // calls in flight from this node
#endif
#ifndef TERN_RPC_MAX_HANDLERS
#define TERN_RPC_MAX_HANDLERS 8  // prefixes served under /nodes/<self>/
#endif
#ifndef TERN_RPC_MAX_PATH
#define TERN_RPC_MAX_PATH 96  // bytes of a path, "/nodes/<name>/..." included
#endif
#ifndef TERN_RPC_MAX_BODY
#define TERN_RPC_MAX_BODY 1024  // bytes of a request or reply body (shell output included)
#endif

namespace tern::world {

namespace rpc {
inline constexpr std::uint8_t kVersion = 1;
inline constexpr std::size_t kHeaderBytes = 16;
inline constexpr std::size_t kMaxCalls = TERN_RPC_MAX_CALLS;
inline constexpr std::size_t kMaxHandlers = TERN_RPC_MAX_HANDLERS;
inline constexpr std::size_t kMaxPath = TERN_RPC_MAX_PATH;
inline constexpr std::size_t kMaxBody = TERN_RPC_MAX_BODY;
inline constexpr std::size_t kMaxMessage = kHeaderBytes + kMaxPath + kMaxBody;
inline constexpr std::uint32_t kDefaultTimeoutMs = 5000;  // a call's timeout when given 0
static_assert(kMaxPath <= 255, "the path length is one byte on the wire");
static_assert(kMaxBody <= 65535, "the body length is two bytes on the wire");
static_assert(kMaxCalls >= 1 && kMaxCalls <= 255);

enum class Kind : std::uint8_t { request = 0, reply = 1 };
enum class Op : std::uint8_t { list = 1, read = 2, write = 3, control = 4 };
inline constexpr std::uint8_t kFlagTruncated = 0x01;  // reply: the handler had more to say

// How a call ended. ok, no_such_path, refused and too_big can travel in a reply; the others
// are found by the caller's own core.
enum class Result : std::uint8_t {
    ok = 0,
    unknown_node = 1,  // the path names a node that is not in the world
    unreachable = 2,   // no route, the transport reported the request lost, the peer reset
    timed_out = 3,     // no reply within the call's timeout
    no_such_path = 4,  // nothing is registered at the path
    refused = 5,       // the handler said no, or the request was malformed
    too_big = 6,       // path or body longer than the build's limits
    busy = 7,          // no free call slot, or the transport's queue is full: nothing sent
};
const char* result_name(Result r);

// A message as it travels (docs/world-rpc.md, "Message"). Views point into the bytes parsed.
struct Message {
    Kind kind;
    Op op;
    Result result;  // replies; ok in requests
    std::uint8_t flags;
    Incarnation caller;
    std::uint32_t call_id;
    std::string_view path;  // requests; empty in replies
    std::span<const std::uint8_t> body;
};
// Both return false / 0 on anything that is not a well-formed message of this version.
bool parse(std::span<const std::uint8_t> bytes, Message& out);
std::size_t encode(const Message& m, std::span<std::uint8_t> out);

struct Counters {
    std::uint32_t malformed;       // not a well-formed RPC message
    std::uint32_t stale_replies;   // addressed to another incarnation of this node
    std::uint32_t late_replies;    // to a call that already ended, or from the wrong node
    std::uint32_t served;          // requests from other nodes that reached a handler path
    std::uint32_t replies_unsent;  // the transport would not take a reply (the caller times out)
};
}  // namespace rpc

// Where a handler writes its reply: bounded; what does not fit is cut and flagged.
class ReplyWriter {
  public:
    ReplyWriter(std::uint8_t* buffer, std::size_t capacity) : buf_(buffer), cap_(capacity) {}
    bool append(std::span<const std::uint8_t> bytes);  // false once truncated
    bool append(std::string_view text) {
        return append({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
    }
    std::size_t size() const { return len_; }
    bool truncated() const { return truncated_; }

  private:
    std::uint8_t* buf_;
    std::size_t cap_;
    std::size_t len_ = 0;
    bool truncated_ = false;
};

// A subsystem's part of the namespace: everything under /nodes/<self>/<prefix>.
class RpcHandler {
  public:
    // rest: the path below the prefix without its leading '/', "" for the prefix itself.
    // Returns ok, no_such_path or refused (anything else is sent as refused). Must not call
    // back into the RpcCore.
    virtual rpc::Result handle(rpc::Op op, std::string_view rest,
                               std::span<const std::uint8_t> body, ReplyWriter& reply) = 0;

  protected:
    ~RpcHandler() = default;
};

// Who is in the world (the network's node table, behind a small interface).
class NodeDirectory {
  public:
    struct Entry {
        NodeId id;       // 0: no node of that name is known
        bool reachable;  // a route to it exists now
    };
    virtual Entry find(std::string_view name) const = 0;
    // The index-th known node other than this one; "" past the end.
    virtual std::string_view name_at(std::size_t index) const = 0;

  protected:
    ~NodeDirectory() = default;
};

// What the core hands back: messages for the transport, and ended calls.
class RpcBinding {
  public:
    virtual SendResult send(Millis now, NodeId dst, std::span<const std::uint8_t> message) = 0;
    // body: the handler's reply, valid only during the call (it lives in the core's message
    // buffer: a call started from here must not pass it as its own body).
    virtual void completed(std::uint32_t tag, rpc::Result result,
                           std::span<const std::uint8_t> body, bool truncated) = 0;

  protected:
    ~RpcBinding() = default;
};

class RpcCore {
  public:
    // self_name: this node's name in paths. incarnation: nonzero, larger at each boot (the
    // node's own). The directory and binding must outlive the core.
    RpcCore(std::string_view self_name, Incarnation incarnation, const NodeDirectory& directory,
            RpcBinding& binding);
    RpcCore(const RpcCore&) = delete;
    RpcCore& operator=(const RpcCore&) = delete;

    // Serves /nodes/<self>/<prefix>[/...] with handler. prefix: one path component. False
    // if the table is full, the prefix is taken or not a single component.
    bool add_handler(std::string_view prefix, RpcHandler& handler);

    // Starts a call; it ends exactly once through RpcBinding::completed(tag, ...), maybe
    // before call() returns. timeout_ms 0: rpc::kDefaultTimeoutMs. Returns the call id while
    // the call is in flight, 0 if it already ended.
    std::uint32_t call(Millis now, rpc::Op op, std::string_view path,
                       std::span<const std::uint8_t> body, std::uint32_t timeout_ms,
                       std::uint32_t tag);
    // `at <node> <command line>`: control on /nodes/<node>/shell, the reply is its output.
    std::uint32_t shell(Millis now, std::string_view node, std::string_view command_line,
                        std::uint32_t timeout_ms, std::uint32_t tag);

    // From the transport (its TransportSink events, forwarded by the binding).
    void on_message(Millis now, NodeId src, std::span<const std::uint8_t> bytes);
    void on_acked(NodeId dst, std::uint32_t message_id);
    void on_lost(NodeId dst, std::uint32_t message_id);
    void on_peer_reset(NodeId peer);

    void poll(Millis now);         // ends calls whose timeout passed
    Millis next_deadline() const;  // the earliest timeout in flight, kNever if none

    std::size_t in_flight() const;
    Incarnation incarnation() const { return incarnation_; }
    const rpc::Counters& counters() const { return counters_; }

  private:
    struct Call {
        Millis deadline;
        std::uint32_t id;          // 0: free slot
        std::uint32_t tag;
        std::uint32_t message_id;  // the transport's id of the request
        NodeId dst;
        rpc::Op op;
        bool delivered;  // the transport acked the request: only a reply (or reset) remains
    };
    struct Handler {
        std::string_view prefix;
        RpcHandler* handler;
    };

    void finish(Call& c, rpc::Result r, std::span<const std::uint8_t> body = {},
                bool truncated = false);
    // A path on this node: handler result, reply in scratch_ body area.
    rpc::Result serve(rpc::Op op, std::string_view local, std::span<const std::uint8_t> body,
                      ReplyWriter& reply);
    rpc::Result start(Millis now, rpc::Op op, std::string_view path,
                      std::span<const std::uint8_t> body, std::uint32_t timeout_ms,
                      std::uint32_t tag, ReplyWriter& reply, std::uint32_t& id);
    void on_request(Millis now, NodeId src, const rpc::Message& m);
    void on_reply(NodeId src, const rpc::Message& m);

    std::string_view self_;
    Incarnation incarnation_;
    const NodeDirectory& directory_;
    RpcBinding& binding_;
    rpc::Counters counters_{};
    std::uint32_t next_call_id_ = 0;
    Call calls_[rpc::kMaxCalls]{};
    Handler handlers_[rpc::kMaxHandlers]{};
    std::uint8_t scratch_[rpc::kMaxMessage];  // one message being built
};

}  // namespace tern::world
