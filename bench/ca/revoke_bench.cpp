// Revocations per second against a real cfssl (started here with scripts/ca-server).
//
//   revoke_bench [--count N] [--concurrency C] [--rounds R]
//   defaults: 200 certificates per side, 8 at a time, in 4 rounds
//
// Ours: cfssl_client::revoke_all with max_in_flight = C (libcurl multi, kept-alive connections).
// Baseline: the plainest honest equivalent, C threads each running blocking curl_easy_perform
// on its own reused easy handle (so it keeps connections alive too), taking the next
// certificate from a shared counter, sending the same request bodies. Each side revokes its
// own freshly enrolled certificates, in the same run against the same CA. The two sides take
// turns in R rounds of N/R revocations, so a drift in machine load or in cfssl's database
// does not favour whichever side runs first; each side's time is the sum of its rounds.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "ca/certificate_identity.hpp"
#include "ca/cfssl_client.hpp"
#include "ca/cfssl_protocol.hpp"
#include "ca/curl_handles.hpp"
#include "ca_server.hpp"
#include "csr.hpp"

namespace ca = arbor::km::ca;
namespace crypto = arbor::km::crypto;

namespace {

struct options {
  std::size_t count = 200;
  std::size_t concurrency = 8;
  std::size_t rounds = 4;
};

options parse(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    std::size_t* target = flag == "--count"         ? &o.count
                          : flag == "--concurrency" ? &o.concurrency
                          : flag == "--rounds"      ? &o.rounds
                                                    : nullptr;
    if (target == nullptr || i + 1 >= argc) {
      throw std::invalid_argument("usage: revoke_bench [--count N] [--concurrency C] [--rounds R]");
    }
    *target = std::stoul(argv[++i]);
    if (*target == 0) throw std::invalid_argument(std::string(flag) + " must be positive");
  }
  return o;
}

std::vector<ca::revocation> enroll(ca::cfssl_client& client, std::size_t count, const std::string& prefix) {
  std::vector<ca::revocation> revocations;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string name = prefix + std::to_string(i);
    const crypto::certificate cert = client.enroll(ca::testing::make_csr(name), {name, name + "@example.org"});
    revocations.push_back(ca::revocation_for(cert, ca::revocation_reason::affiliation_changed));
  }
  return revocations;
}

// Times one side revoking a slice of its certificates; adds to its confirmed count and seconds.
struct side {
  std::size_t confirmed = 0;
  double seconds = 0;

  template <typename Revoke>
  void run(Revoke revoke) {
    const auto start = std::chrono::steady_clock::now();
    confirmed += revoke();
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
};

std::vector<ca::revocation> slice(const std::vector<ca::revocation>& all, std::size_t round, std::size_t rounds) {
  const std::size_t begin = all.size() * round / rounds;
  const std::size_t end = all.size() * (round + 1) / rounds;
  return {all.begin() + static_cast<std::ptrdiff_t>(begin), all.begin() + static_cast<std::ptrdiff_t>(end)};
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* body) {
  static_cast<std::string*>(body)->append(data, size * count);
  return size * count;
}

// The baseline: C threads, each with its own easy handle kept for the whole run (so, like
// revoke_all, it reuses its connection from round to round), each blocking in curl_easy_perform.
class blocking_baseline {
 public:
  blocking_baseline(const std::string& base_url, std::size_t threads)
      : url_(base_url + std::string(ca::cfssl::revoke_path)), answers_(threads) {
    ca::append_header(headers_, "Content-Type: application/json");
    for (std::size_t t = 0; t < threads; ++t) {
      ca::curl_easy_ptr easy = ca::make_curl_easy();
      curl_easy_setopt(easy.get(), CURLOPT_URL, url_.c_str());
      curl_easy_setopt(easy.get(), CURLOPT_HTTPHEADER, headers_.get());
      curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, &collect);
      curl_easy_setopt(easy.get(), CURLOPT_WRITEDATA, &answers_[t]);
      curl_easy_setopt(easy.get(), CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(easy.get(), CURLOPT_TIMEOUT_MS, 10000L);
      handles_.push_back(std::move(easy));
    }
  }

  // Returns how many revocations cfssl confirmed.
  std::size_t revoke(const std::vector<ca::revocation>& revocations) {
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> confirmed{0};
    auto worker = [&](std::size_t t) {
      CURL* easy = handles_[t].get();
      for (std::size_t i = next++; i < revocations.size(); i = next++) {
        const std::string body = ca::cfssl::revoke_body(revocations[i]);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.c_str());
        answers_[t].clear();
        if (curl_easy_perform(easy) == CURLE_OK && answers_[t].find("\"success\":true") != std::string::npos) {
          ++confirmed;
        }
      }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < handles_.size(); ++t) pool.emplace_back(worker, t);
    for (std::thread& t : pool) t.join();
    return confirmed;
  }

 private:
  std::string url_;
  ca::curl_slist_ptr headers_;
  std::vector<std::string> answers_;
  std::vector<ca::curl_easy_ptr> handles_;
};

}  // namespace

int main(int argc, char** argv) try {
  const options o = parse(argc, argv);
  ca::testing::ca_server server;
  ca::cfssl_client client(ca::connection_settings{server.url(), 2000, 10000, o.concurrency});
  std::printf("cfssl at %s; enrolling 2 x %zu certificates...\n", server.url().c_str(), o.count);
  const std::vector<ca::revocation> ours = enroll(client, o.count, "ours");
  const std::vector<ca::revocation> theirs = enroll(client, o.count, "baseline");

  blocking_baseline baseline(server.url(), o.concurrency);
  side ours_side;
  side baseline_side;
  for (std::size_t round = 0; round < o.rounds; ++round) {
    const std::vector<ca::revocation> our_slice = slice(ours, round, o.rounds);
    const std::vector<ca::revocation> their_slice = slice(theirs, round, o.rounds);
    ours_side.run([&] {
      std::size_t confirmed = 0;
      for (const ca::revoke_result& r : client.revoke_all(our_slice)) confirmed += r.confirmed() ? 1 : 0;
      return confirmed;
    });
    baseline_side.run([&] { return baseline.revoke(their_slice); });
  }

  const double ours_rate = static_cast<double>(o.count) / ours_side.seconds;
  const double theirs_rate = static_cast<double>(o.count) / baseline_side.seconds;
  std::printf("revoke_all (curl multi, %zu in flight):         %8.1f revocations/s  (%zu/%zu confirmed, %.3f s)\n",
              o.concurrency, ours_rate, ours_side.confirmed, o.count, ours_side.seconds);
  std::printf("baseline (%zu threads, blocking libcurl each):  %8.1f revocations/s  (%zu/%zu confirmed, %.3f s)\n",
              o.concurrency, theirs_rate, baseline_side.confirmed, o.count, baseline_side.seconds);
  std::printf("ratio revoke_all / baseline: %.2f\n", ours_rate / theirs_rate);
  return ours_side.confirmed == o.count && baseline_side.confirmed == o.count ? EXIT_SUCCESS : EXIT_FAILURE;
} catch (const std::exception& e) {
  std::fprintf(stderr, "revoke_bench: %s\n", e.what());
  return EXIT_FAILURE;
}
