#include "host/web/connection_slots.hpp"

#include <boost/asio/ip/address.hpp>

namespace arbor::host::web {

std::string client_key(std::string_view address) {
  boost::system::error_code ec;
  const auto ip = boost::asio::ip::make_address(std::string(address), ec);
  if (ec || ip.is_v4()) return std::string(address);
  const auto v6 = ip.to_v6();
  if (v6.is_v4_mapped()) return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  auto bytes = v6.to_bytes();
  for (std::size_t i = 8; i < bytes.size(); ++i) bytes[i] = 0;
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

connection_slots::connection_slots(std::size_t max_total, std::size_t max_per_client)
    : max_total_(max_total), max_per_client_(max_per_client) {}

connection_slots::refusal connection_slots::take(const std::string& key) {
  const std::lock_guard lock(mutex_);
  if (total_ >= max_total_) return refusal::all_taken;
  const auto it = held_.find(key);
  if ((it == held_.end() ? 0 : it->second) >= max_per_client_) return refusal::address_full;
  ++held_[key];
  ++total_;
  return refusal::none;
}

void connection_slots::give_back(const std::string& key) {
  const std::lock_guard lock(mutex_);
  const auto it = held_.find(key);
  if (it == held_.end()) return;
  --total_;
  if (--it->second == 0) held_.erase(it);
}

}  // namespace arbor::host::web
