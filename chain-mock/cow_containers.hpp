// cow_containers.hpp: copy-on-write containers for the chain's world state (actor_state.hpp).
// The chain keeps one state per tipset, each made by copying its parent's; with plain std::map and
// std::set that copy cost O(sectors) at every epoch, which made a year of 10,000 sectors quadratic
// (issue 7's scenario benchmark). These containers share their contents between copies and copy
// only what a write touches:
//   CowMap<K, V>, CowSet<K>  integer keys split into chunks of 128 consecutive keys; a copy shares
//                            the chunk index, a write copies the index and the one chunk it
//                            touches when another state still shares them.
//   CowVector<T>             each element shared; a write copies the element it touches.
// Reads never copy: iteration (in key order, as std::map's), find, count, at and const operator[]
// of CowVector. Writes are named: CowMap::operator[] (insert or access, as std::map's),
// insert_or_assign, erase; CowSet::insert, erase; CowVector::mutate, push_back, resize. So
// code that only reads through a non-const state stays free, and a write is visible in the code.
// Single-threaded, like the chain (use_count decides sharing).
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace sealsim::chain {

namespace cow_detail {

// Keys and their chunk index; Chunk is std::map<K, V> or std::set<K> (never empty when stored).
template <class K, class Chunk>
class ChunkedStore {
  static_assert(std::is_integral_v<K>, "chunked copy-on-write containers need integer keys");
  static constexpr unsigned kChunkBits = 7;  // 128 keys per chunk
  using ChunkPtr = std::shared_ptr<Chunk>;
  using Index = std::map<K, ChunkPtr>;  // first key of the chunk >> kChunkBits -> chunk

 public:
  using value_type = typename Chunk::value_type;

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = typename Chunk::value_type;
    using difference_type = std::ptrdiff_t;
    using pointer = const value_type*;
    using reference = const value_type&;

    const_iterator() = default;
    reference operator*() const { return *inner_; }
    pointer operator->() const { return &*inner_; }
    const_iterator& operator++() {
      if (++inner_ == outer_->second->end()) {
        ++outer_;
        if (outer_ != outer_end_) inner_ = outer_->second->begin();
      }
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) {
      return a.outer_ == b.outer_ && (a.outer_ == a.outer_end_ || a.inner_ == b.inner_);
    }

   private:
    friend class ChunkedStore;
    using Outer = typename Index::const_iterator;
    using Inner = typename Chunk::const_iterator;
    const_iterator(Outer outer, Outer outer_end) : outer_(outer), outer_end_(outer_end) {
      if (outer_ != outer_end_) inner_ = outer_->second->begin();
    }
    const_iterator(Outer outer, Outer outer_end, Inner inner) : outer_(outer), outer_end_(outer_end), inner_(inner) {}
    Outer outer_{};
    Outer outer_end_{};
    Inner inner_{};
  };
  using iterator = const_iterator;

  ChunkedStore() : index_(std::make_shared<Index>()) {}

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const_iterator begin() const { return const_iterator(index_->begin(), index_->end()); }
  const_iterator end() const { return const_iterator(index_->end(), index_->end()); }
  const_iterator find(const K& key) const {
    const auto chunk = index_->find(chunk_of(key));
    if (chunk == index_->end()) return end();
    const auto inner = std::as_const(*chunk->second).find(key);
    if (inner == chunk->second->end()) return end();
    return const_iterator(chunk, index_->end(), inner);
  }
  std::size_t count(const K& key) const { return find(key) == end() ? 0 : 1; }
  bool contains(const K& key) const { return count(key) != 0; }
  // True when both hold the very same contents: neither was written since one was copied from the
  // other (a write never changes contents that another copy still shares). Meaningful while both
  // are alive.
  bool shares_contents_with(const ChunkedStore& other) const { return index_ == other.index_; }

  friend bool operator==(const ChunkedStore& a, const ChunkedStore& b) {
    return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
  }

 protected:
  // The chunk that holds (or would hold) `key`, owned by this container alone; null when it does
  // not exist and `create` is false.
  Chunk* writable_chunk(const K& key, bool create) {
    if (index_.use_count() > 1) index_ = std::make_shared<Index>(*index_);
    auto chunk = index_->find(chunk_of(key));
    if (chunk == index_->end()) {
      if (!create) return nullptr;
      chunk = index_->emplace(chunk_of(key), std::make_shared<Chunk>()).first;
    } else if (chunk->second.use_count() > 1) {
      chunk->second = std::make_shared<Chunk>(*chunk->second);
    }
    return chunk->second.get();
  }
  // Erases `key`, dropping its chunk when that empties it; the number of elements erased.
  std::size_t erase_key(const K& key) {
    if (!contains(key)) return 0;  // a miss copies nothing
    Chunk* chunk = writable_chunk(key, false);
    chunk->erase(key);
    if (chunk->empty()) index_->erase(chunk_of(key));
    --size_;
    return 1;
  }
  std::size_t size_ = 0;

 private:
  static K chunk_of(const K& key) { return static_cast<K>(key >> kChunkBits); }
  std::shared_ptr<Index> index_;
};

}  // namespace cow_detail

template <class K, class V>
class CowMap : public cow_detail::ChunkedStore<K, std::map<K, V>> {
  using Base = cow_detail::ChunkedStore<K, std::map<K, V>>;

 public:
  using key_type = K;
  using mapped_type = V;

  const V& at(const K& key) const {
    const auto found = this->find(key);
    if (found == this->end()) throw std::out_of_range("CowMap::at: no such key");
    return found->second;
  }
  // Inserts a default value when absent; the returned reference is valid until the next write.
  V& operator[](const K& key) {
    auto [it, inserted] = this->writable_chunk(key, true)->try_emplace(key);
    if (inserted) ++this->size_;
    return it->second;
  }
  void insert_or_assign(const K& key, V value) { (*this)[key] = std::move(value); }
  std::size_t erase(const K& key) { return this->erase_key(key); }
};

template <class K>
class CowSet : public cow_detail::ChunkedStore<K, std::set<K>> {
 public:
  using key_type = K;

  // True when `key` was not there.
  bool insert(const K& key) {
    if (this->contains(key)) return false;  // a hit copies nothing
    this->writable_chunk(key, true)->insert(key);
    ++this->size_;
    return true;
  }
  std::size_t erase(const K& key) { return this->erase_key(key); }
};

template <class T>
class CowVector {
  using Items = std::vector<std::shared_ptr<T>>;

 public:
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;

    const_iterator() = default;
    reference operator*() const { return **it_; }
    pointer operator->() const { return it_->get(); }
    const_iterator& operator++() {
      ++it_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++it_;
      return before;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.it_ == b.it_; }

   private:
    friend class CowVector;
    explicit const_iterator(typename Items::const_iterator it) : it_(it) {}
    typename Items::const_iterator it_{};
  };
  using iterator = const_iterator;

  CowVector() : items_(std::make_shared<Items>()) {}

  const_iterator begin() const { return const_iterator(items_->cbegin()); }
  const_iterator end() const { return const_iterator(items_->cend()); }

  std::size_t size() const { return items_->size(); }
  bool empty() const { return items_->empty(); }
  const T& operator[](std::size_t i) const { return *(*items_)[i]; }
  const T& at(std::size_t i) const { return *items_->at(i); }
  // Element `i`, owned by this vector alone; valid until the next write.
  T& mutate(std::size_t i) {
    std::shared_ptr<T>& item = writable_items().at(i);
    if (item.use_count() > 1) item = std::make_shared<T>(*item);
    return *item;
  }
  void push_back(T value) { writable_items().push_back(std::make_shared<T>(std::move(value))); }
  void resize(std::size_t n) {
    Items& items = writable_items();
    const std::size_t old = items.size();
    items.resize(n);
    for (std::size_t i = old; i < n; ++i) items[i] = std::make_shared<T>();
  }

  friend bool operator==(const CowVector& a, const CowVector& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!(a[i] == b[i])) return false;
    }
    return true;
  }

 private:
  Items& writable_items() {
    if (items_.use_count() > 1) items_ = std::make_shared<Items>(*items_);
    return *items_;
  }
  std::shared_ptr<Items> items_;
};

}  // namespace sealsim::chain
