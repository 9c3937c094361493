// result.hpp: the typed result of a call through a sealing interface: a value, or the error text
// the caller (a handler) turns into an event or a stall, as Lotus's (value, error) pairs.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace sealsim::sealing {

template <class T>
class Result {
 public:
  static Result ok(T value) { return Result(std::move(value), {}); }
  static Result fail(std::string error) { return Result(std::nullopt, std::move(error)); }

  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const T& value() const {
    if (!value_) {
      throw std::logic_error("Result::value() on an error: " + error_);
    }
    return *value_;
  }
  const T& operator*() const { return value(); }
  const T* operator->() const { return &value(); }
  const std::string& error() const { return error_; }

 private:
  Result(std::optional<T> value, std::string error) : value_(std::move(value)), error_(std::move(error)) {}
  std::optional<T> value_;
  std::string error_;
};

struct Unit {
  friend bool operator==(Unit, Unit) = default;
};

}  // namespace sealsim::sealing
