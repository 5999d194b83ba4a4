#include "baton/sorted_rows.hpp"

namespace baton {

// The first block whose last row is not before `row`: where `row` is, or belongs.
std::vector<std::vector<Row>>::iterator SortedRows::block_for(const Row& row) {
  auto it = std::lower_bound(blocks_.begin(), blocks_.end(), row,
                             [](const std::vector<Row>& block, const Row& r) { return row_before(block.back(), r); });
  return it == blocks_.end() && !blocks_.empty() ? std::prev(it) : it;
}

void SortedRows::insert(const Row& row) {
  ++size_;
  if (blocks_.empty()) {
    blocks_.push_back({row});
    return;
  }
  auto block = block_for(row);
  block->insert(std::lower_bound(block->begin(), block->end(), row, row_before), row);
  if (block->size() > kBlock) {  // split in two halves
    std::vector<Row> upper(block->begin() + kBlock / 2, block->end());
    block->resize(kBlock / 2);
    blocks_.insert(std::next(block), std::move(upper));
  }
}

bool SortedRows::erase(const Row& row) {
  if (blocks_.empty()) return false;
  auto block = block_for(row);
  auto it = std::lower_bound(block->begin(), block->end(), row, row_before);
  if (it == block->end() || !(*it == row)) return false;
  block->erase(it);
  if (block->empty()) blocks_.erase(block);
  --size_;
  return true;
}

const Row& SortedRows::operator[](std::size_t index) const {
  for (const auto& block : blocks_) {
    if (index < block.size()) return block[index];
    index -= block.size();
  }
  static const Row none{};
  return none;  // out of range: callers stay below size()
}

std::vector<Row> SortedRows::to_vector() const {
  std::vector<Row> out;
  out.reserve(size_);
  for (const auto& block : blocks_) out.insert(out.end(), block.begin(), block.end());
  return out;
}

}  // namespace baton
