#pragma once
// Everything scripted mode prints passes through here: names, rows, summaries and messages come
// from plugins and, through them, from files and other people (a CSV's display names). A control
// character, a C1 control or a bidi control in them could steer the terminal (ESC and OSC
// sequences) or reorder what the operator reads, and bytes that are not UTF-8 would make --json
// output invalid. So each is written as a visible escape instead, in the form the stream's
// readers understand.
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace arbor::host::cli {

enum class escape_style : unsigned char {
  /// For people: line feeds and tabs pass; other controls and bytes that are not UTF-8 become
  /// \xNN, C1 and bidi controls \uNNNN.
  text = 1,
  /// For JSON documents (whose serializer already escapes C0 controls in strings): C1 and bidi
  /// controls and DEL become \uNNNN, bytes that are not UTF-8 \uFFFD, so the output stays valid.
  json,
};

/// A stream buffer that escapes what it is given and hands the rest to `target`. A UTF-8
/// sequence split across writes is kept until it is complete. Threads may write at once (the web
/// console's tasks and workers all log to std::cerr): each write is escaped and passed on whole.
class escaping_streambuf final : public std::streambuf {
 public:
  escaping_streambuf(std::streambuf* target, escape_style style) : target_(target), style_(style) {}
  ~escaping_streambuf() override;
  escaping_streambuf(const escaping_streambuf&) = delete;
  escaping_streambuf& operator=(const escaping_streambuf&) = delete;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  /// Escapes and forwards what is pending, keeping a trailing sequence that may still complete
  /// unless `final`.
  void drain(bool final);
  void put(std::string_view bytes);

  std::streambuf* target_;
  escape_style style_;
  std::mutex mutex_;  ///< guards pending_ and the order of what reaches target_
  std::string pending_;
};

/// Puts an escaping buffer in front of `stream` for its lifetime and restores the old one after.
class escaped_stream {
 public:
  escaped_stream(std::ostream& stream, escape_style style);
  ~escaped_stream();
  escaped_stream(const escaped_stream&) = delete;
  escaped_stream& operator=(const escaped_stream&) = delete;

 private:
  std::ostream& stream_;
  std::streambuf* original_;
  escaping_streambuf escaping_;
};

}  // namespace arbor::host::cli
