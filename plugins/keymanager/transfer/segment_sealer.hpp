#pragma once
// Seals transfer file segments on a second thread while the writer's caller encodes the next
// one. Signing and encrypting a segment (CMS) costs about as much as reading, unsealing and
// encoding the users in it, so on two cores an export writes its file in about half the time
// (bench/export). One segment at most waits in hand and one is being sealed: memory stays at a
// few segments. Segments are sealed one at a time in the order given.
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "common/secret.hpp"

namespace arbor::km::transfer {

class segment_sealer {
 public:
  // `seal` runs on the sealing thread, once per segment, in order: it hashes, seals and writes.
  explicit segment_sealer(std::function<void(const secret&)> seal);
  // Waits for the segment being sealed and drops one still waiting (its buffer wipes itself).
  ~segment_sealer();
  segment_sealer(const segment_sealer&) = delete;
  segment_sealer& operator=(const segment_sealer&) = delete;

  // Hands `segment` over. Waits while the previous segment is still waiting; `segment` comes
  // back empty, with the storage of an earlier one. Rethrows the first error of the sealing
  // thread, after which nothing more is sealed.
  void submit(secret& segment);
  // Waits until every segment handed over is written; rethrows the sealing thread's error.
  void drain();

 private:
  void run();
  void rethrow_failure();  // with the lock held

  std::function<void(const secret&)> seal_;
  std::mutex mutex_;
  std::condition_variable changed_;
  secret waiting_;
  bool has_waiting_ = false;
  bool busy_ = false;  // the thread is sealing a segment
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace arbor::km::transfer
