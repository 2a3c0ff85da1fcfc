// Text that may be a slice of a larger buffer shared with other holders. A
// build that reads ten thousand cached pages from one mapped file then neither
// copies their bodies nor allocates memory for them: each body is a view into
// the file, which stays mapped while any page points into it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace gpress {

class SharedText {
 public:
  SharedText() = default;
  /// Owns `text` itself.
  SharedText(std::string text)  // NOLINT(google-explicit-constructor): reads as assigning a string
      : owner_(std::make_shared<const std::string>(std::move(text))),
        view_(*std::static_pointer_cast<const std::string>(owner_)) {}
  /// A part of a buffer `owner` keeps alive.
  SharedText(std::shared_ptr<const void> owner, std::string_view part) : owner_(std::move(owner)), view_(part) {}

  std::string_view view() const { return view_; }
  std::string str() const { return std::string(view_); }
  bool empty() const { return view_.empty(); }
  std::size_t size() const { return view_.size(); }

  friend bool operator==(const SharedText& a, const SharedText& b) { return a.view_ == b.view_; }
  friend bool operator==(const SharedText& a, std::string_view b) { return a.view_ == b; }

 private:
  std::shared_ptr<const void> owner_;
  std::string_view view_;
};

}  // namespace gpress
