// tern::world RPC core: see include/tern/world/rpc.hpp and docs/world-rpc.md.
#include "tern/world/rpc.hpp"

#include <cstring>

namespace tern::world {

using rpc::Kind;
using rpc::Op;
using rpc::Result;

namespace {
constexpr std::string_view kNodes = "/nodes";

void put32(std::uint8_t* p, std::uint32_t v) {
    p[0] = std::uint8_t(v), p[1] = std::uint8_t(v >> 8), p[2] = std::uint8_t(v >> 16),
    p[3] = std::uint8_t(v >> 24);
}
std::uint32_t get32(const std::uint8_t* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
}

// string_view::substr checks its position and throws, which pulls abort() into a board
// image built without exceptions; every position here is known to be in range.
std::string_view head(std::string_view s, std::size_t n) { return {s.data(), n < s.size() ? n : s.size()}; }
std::string_view from(std::string_view s, std::size_t pos) { return {s.data() + pos, s.size() - pos}; }

bool wire_result(std::uint8_t r) {
    return r == std::uint8_t(Result::ok) || r == std::uint8_t(Result::no_such_path) ||
           r == std::uint8_t(Result::refused) || r == std::uint8_t(Result::too_big);
}

// A path under /nodes: the node's name and what follows it ("" or "/..."). False for "/",
// "/nodes" and anything outside /nodes; an empty name is returned as such.
bool split_node(std::string_view path, std::string_view& name, std::string_view& local) {
    if (path.size() <= kNodes.size() + 1 || head(path, kNodes.size()) != kNodes ||
        path[kNodes.size()] != '/')
        return false;
    std::string_view rest = from(path, kNodes.size() + 1);
    std::size_t slash = rest.find('/');
    name = head(rest, slash);
    local = slash == std::string_view::npos ? std::string_view{} : from(rest, slash);
    return true;
}

// One trailing '/' names the same directory ("/nodes/a/" is "/nodes/a"); the root stays.
std::string_view trim(std::string_view path) {
    if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    return path;
}

// "a//b": an empty component, which names nothing.
bool empty_component(std::string_view s) {
    for (std::size_t i = 1; i < s.size(); ++i)
        if (s[i] == '/' && s[i - 1] == '/') return true;
    return false;
}

bool single_component(std::string_view s) {
    return !s.empty() && s.find('/') == std::string_view::npos &&
           s.find('\0') == std::string_view::npos;
}
}  // namespace

const char* rpc::result_name(Result r) {
    switch (r) {
        case Result::ok: return "ok";
        case Result::unknown_node: return "unknown node";
        case Result::unreachable: return "unreachable";
        case Result::timed_out: return "timed out";
        case Result::no_such_path: return "no such path";
        case Result::refused: return "refused";
        case Result::too_big: return "too big";
        case Result::busy: return "busy";
    }
    return "?";
}

bool rpc::parse(std::span<const std::uint8_t> b, Message& m) {
    if (b.size() < kHeaderBytes || b[0] != kVersion || b[1] > 1) return false;
    m.kind = Kind(b[1]);
    if (b[2] < std::uint8_t(Op::list) || b[2] > std::uint8_t(Op::control)) return false;
    m.op = Op(b[2]);
    m.caller = get32(&b[4]);
    m.call_id = get32(&b[8]);
    std::size_t path_len = b[12];
    m.flags = b[13];
    std::size_t body_len = std::size_t(b[14]) | std::size_t(b[15]) << 8;
    if (m.caller == 0 || m.call_id == 0 || kHeaderBytes + path_len + body_len != b.size() ||
        body_len > kMaxBody)
        return false;
    if (m.kind == Kind::request) {
        // A request: result 0, no flags, a path that starts with '/'.
        if (b[3] != 0 || m.flags != 0 || path_len == 0 || path_len > kMaxPath ||
            b[kHeaderBytes] != '/')
            return false;
        m.result = Result::ok;
    } else {
        if (!wire_result(b[3]) || (m.flags & ~kFlagTruncated) || path_len != 0) return false;
        m.result = Result(b[3]);
    }
    m.path = {reinterpret_cast<const char*>(b.data() + kHeaderBytes), path_len};
    m.body = b.subspan(kHeaderBytes + path_len, body_len);
    return true;
}

std::size_t rpc::encode(const Message& m, std::span<std::uint8_t> out) {
    std::size_t n = kHeaderBytes + m.path.size() + m.body.size();
    if (m.path.size() > kMaxPath || m.body.size() > kMaxBody || n > out.size()) return 0;
    std::uint8_t* p = out.data();
    p[0] = kVersion;
    p[1] = std::uint8_t(m.kind);
    p[2] = std::uint8_t(m.op);
    p[3] = std::uint8_t(m.result);
    put32(p + 4, m.caller);
    put32(p + 8, m.call_id);
    p[12] = std::uint8_t(m.path.size());
    p[13] = m.flags;
    p[14] = std::uint8_t(m.body.size()), p[15] = std::uint8_t(m.body.size() >> 8);
    // memmove: a reply's body may already sit in place in the scratch buffer.
    if (!m.path.empty()) std::memmove(p + kHeaderBytes, m.path.data(), m.path.size());
    if (!m.body.empty()) std::memmove(p + kHeaderBytes + m.path.size(), m.body.data(), m.body.size());
    return n;
}

bool ReplyWriter::append(std::span<const std::uint8_t> bytes) {
    std::size_t n = bytes.size();
    if (n > cap_ - len_) n = cap_ - len_, truncated_ = true;
    if (n) std::memcpy(buf_ + len_, bytes.data(), n);
    len_ += n;
    return !truncated_;
}

RpcCore::RpcCore(std::string_view self_name, Incarnation incarnation,
                 const NodeDirectory& directory, RpcBinding& binding)
    : self_(self_name), incarnation_(incarnation), directory_(directory), binding_(binding) {}

bool RpcCore::add_handler(std::string_view prefix, RpcHandler& handler) {
    if (!single_component(prefix)) return false;
    Handler* free = nullptr;
    for (auto& h : handlers_) {
        if (h.handler && h.prefix == prefix) return false;
        if (!h.handler && !free) free = &h;
    }
    if (!free) return false;
    *free = {prefix, &handler};
    return true;
}

void RpcCore::finish(Call& c, Result r, std::span<const std::uint8_t> body, bool truncated) {
    std::uint32_t tag = c.tag;
    c.id = 0;  // free before the callback, which may start a new call
    binding_.completed(tag, r, body, truncated);
}

Result RpcCore::serve(Op op, std::string_view local, std::span<const std::uint8_t> body,
                      ReplyWriter& reply) {
    local = trim(local);
    if (local.empty() || local == "/") {  // the node itself: its prefixes
        if (op != Op::list) return Result::refused;
        for (auto& h : handlers_)
            if (h.handler) reply.append(h.prefix), reply.append("\n");
        return Result::ok;
    }
    std::string_view rest = from(local, 1);
    std::size_t slash = rest.find('/');
    std::string_view prefix = head(rest, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : from(rest, slash + 1);
    for (auto& h : handlers_) {
        if (!h.handler || h.prefix != prefix) continue;
        Result r = h.handler->handle(op, rest, body, reply);
        return r == Result::ok || r == Result::no_such_path ? r : Result::refused;
    }
    return Result::no_such_path;
}

std::uint32_t RpcCore::call(Millis now, Op op, std::string_view path,
                            std::span<const std::uint8_t> body, std::uint32_t timeout_ms,
                            std::uint32_t tag) {
    // The reply area of a local call sits after the largest request, so nothing overlaps.
    std::uint8_t* reply_area = scratch_ + rpc::kHeaderBytes + rpc::kMaxPath;
    ReplyWriter reply(reply_area, rpc::kMaxBody);
    std::uint32_t id = 0;
    Result r = start(now, op, path, body, timeout_ms, tag, reply, id);
    if (id) return id;
    binding_.completed(tag, r, {reply_area, reply.size()}, reply.truncated());
    return 0;
}

Result RpcCore::start(Millis now, Op op, std::string_view path,
                      std::span<const std::uint8_t> body, std::uint32_t timeout_ms,
                      std::uint32_t tag, ReplyWriter& reply, std::uint32_t& id) {
    if (path.size() > rpc::kMaxPath || body.size() > rpc::kMaxBody) return Result::too_big;
    path = trim(path);
    std::string_view name, local;
    if (!split_node(path, name, local)) {
        // "/" and "/nodes": directories every node serves from what it knows.
        bool root = path == "/";
        if (!root && path != kNodes) return Result::no_such_path;
        if (op != Op::list) return Result::refused;
        if (root) return reply.append("nodes\n"), Result::ok;
        reply.append(self_), reply.append("\n");
        for (std::size_t i = 0;; ++i) {
            std::string_view n = directory_.name_at(i);
            if (n.empty()) return Result::ok;
            if (n != self_) reply.append(n), reply.append("\n");
        }
    }
    if (name == self_) return serve(op, local, body, reply);
    if (name.empty() || empty_component(local)) return Result::no_such_path;
    NodeDirectory::Entry node = directory_.find(name);
    if (node.id == 0) return Result::unknown_node;
    if (!node.reachable) return Result::unreachable;
    Call* c = nullptr;
    for (auto& k : calls_)
        if (k.id == 0) { c = &k; break; }
    if (!c) return Result::busy;
    if (++next_call_id_ == 0) ++next_call_id_;  // 2^32 calls in one life: 0 stays "none"
    rpc::Message m{Kind::request, op, Result::ok, 0, incarnation_, next_call_id_, path, body};
    SendResult sent = binding_.send(now, node.id, {scratch_, rpc::encode(m, scratch_)});
    if (!sent.ok())
        return sent.error == SendError::too_big      ? Result::too_big
               : sent.error == SendError::queue_full ? Result::busy
                                                     : Result::unreachable;
    *c = Call{now + (timeout_ms ? timeout_ms : rpc::kDefaultTimeoutMs), next_call_id_, tag,
              sent.id, node.id, op, false};
    id = c->id;
    return Result::ok;
}

std::uint32_t RpcCore::shell(Millis now, std::string_view node, std::string_view command_line,
                             std::uint32_t timeout_ms, std::uint32_t tag) {
    constexpr std::string_view kShell = "/shell";
    char path[rpc::kMaxPath];
    std::size_t n = kNodes.size() + 1 + node.size() + kShell.size();
    if (n <= rpc::kMaxPath) {
        std::memcpy(path, kNodes.data(), kNodes.size());
        path[kNodes.size()] = '/';
        std::memcpy(path + kNodes.size() + 1, node.data(), node.size());
        std::memcpy(path + kNodes.size() + 1 + node.size(), kShell.data(), kShell.size());
    }
    // An over-long path is passed on with its length only: call() ends it too_big.
    return call(now, Op::control, {path, n},
                {reinterpret_cast<const std::uint8_t*>(command_line.data()), command_line.size()},
                timeout_ms, tag);
}

void RpcCore::on_message(Millis now, NodeId src, std::span<const std::uint8_t> bytes) {
    rpc::Message m;
    if (!rpc::parse(bytes, m)) {
        ++counters_.malformed;
        return;
    }
    if (m.kind == Kind::request)
        on_request(now, src, m);
    else
        on_reply(src, m);
}

void RpcCore::on_request(Millis now, NodeId src, const rpc::Message& m) {
    std::uint8_t* reply_area = scratch_ + rpc::kHeaderBytes;
    ReplyWriter reply(reply_area, rpc::kMaxBody);
    std::string_view name, local;
    Result r = Result::no_such_path;
    // Only paths naming this node are served here: a request is never forwarded, and one
    // meant for another node (a stale name-to-id mapping) is answered no_such_path.
    if (split_node(trim(m.path), name, local) && name == self_ &&
        !empty_component(local)) {
        ++counters_.served;
        r = serve(m.op, local, m.body, reply);
    }
    rpc::Message out{Kind::reply, m.op, r, std::uint8_t(reply.truncated() ? rpc::kFlagTruncated : 0),
                     m.caller, m.call_id, {}, {reply_area, reply.size()}};
    std::size_t n = rpc::encode(out, scratch_);
    if (!binding_.send(now, src, {scratch_, n}).ok()) ++counters_.replies_unsent;
}

void RpcCore::on_reply(NodeId src, const rpc::Message& m) {
    if (m.caller != incarnation_) {
        ++counters_.stale_replies;
        return;
    }
    for (auto& c : calls_) {
        if (c.id != m.call_id) continue;
        if (c.dst != src || c.op != m.op) break;  // never someone else's call
        finish(c, m.result, m.body, m.flags & rpc::kFlagTruncated);
        return;
    }
    ++counters_.late_replies;
}

void RpcCore::on_acked(NodeId dst, std::uint32_t message_id) {
    for (auto& c : calls_)
        if (c.id && c.dst == dst && c.message_id == message_id) c.delivered = true;
}

void RpcCore::on_lost(NodeId dst, std::uint32_t message_id) {
    for (auto& c : calls_)
        if (c.id && c.dst == dst && c.message_id == message_id && !c.delivered)
            finish(c, Result::unreachable);
}

void RpcCore::on_peer_reset(NodeId peer) {
    // A request the old life acknowledged will never be answered. One not yet acked may
    // still reach the new life (the transport sends untransmitted messages on) or be
    // reported lost: wait for the transport's verdict.
    for (auto& c : calls_)
        if (c.id && c.dst == peer && c.delivered) finish(c, Result::unreachable);
}

void RpcCore::poll(Millis now) {
    for (auto& c : calls_)
        if (c.id && now >= c.deadline) finish(c, Result::timed_out);
}

Millis RpcCore::next_deadline() const {
    Millis next = kNever;
    for (auto& c : calls_)
        if (c.id && c.deadline < next) next = c.deadline;
    return next;
}

std::size_t RpcCore::in_flight() const {
    std::size_t n = 0;
    for (auto& c : calls_) n += c.id != 0;
    return n;
}

}  // namespace tern::world
