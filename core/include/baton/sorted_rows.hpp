#pragma once
// A sorted list of ticket rows for the list views: insert and erase touch one block of at most
// kBlock rows instead of shifting the whole list, and row i is found by walking block sizes,
// which is what a virtualised list needs (a few dozen visible rows from a given index).
#include <algorithm>
#include <cstddef>
#include <vector>

#include "baton/ids.hpp"

namespace baton {

struct Row {
  Time updated_at = 0;
  TicketId id = 0;
  bool operator==(const Row&) const = default;
};

// Most recently updated first; ties by id, highest first, so the order is total.
inline bool row_before(const Row& a, const Row& b) {
  return a.updated_at != b.updated_at ? a.updated_at > b.updated_at : a.id > b.id;
}

class SortedRows {
 public:
  static constexpr std::size_t kBlock = 512;

  void insert(const Row& row);
  bool erase(const Row& row);
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Row& operator[](std::size_t index) const;
  std::vector<Row> to_vector() const;

 private:
  std::vector<std::vector<Row>>::iterator block_for(const Row& row);
  std::vector<std::vector<Row>> blocks_;
  std::size_t size_ = 0;
};

}  // namespace baton
