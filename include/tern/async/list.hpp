// Intrusive doubly-linked lists: every wait in tern::async is a node that the waiting
// operation owns, so waiting never allocates and cancelling is an O(1) unlink that needs
// no knowledge of which list the node is in.
#pragma once

namespace tern::async {

struct Node {
    Node* next = nullptr;  // null while the node is in no list
    Node* prev = nullptr;

    bool linked() const { return next != nullptr; }
    void unlink() {
        if (next != nullptr) {
            next->prev = prev;
            prev->next = next;
            next = prev = nullptr;
        }
    }
};

// A circular list around a sentinel, so insert and unlink have no empty-list branches.
// Constant-initialised: a global List costs no start-up code.
class List {
  public:
    constexpr List() : head_{&head_, &head_} {}
    List(const List&) = delete;
    List& operator=(const List&) = delete;

    bool empty() const { return head_.next == &head_; }
    Node* front() const { return empty() ? nullptr : head_.next; }
    Node* end() { return &head_; }
    void push_back(Node& n) { insert_before(head_, n); }
    static void insert_before(Node& pos, Node& n) {
        n.next = &pos;
        n.prev = pos.prev;
        pos.prev->next = &n;
        pos.prev = &n;
    }

  private:
    Node head_;
};

}  // namespace tern::async
