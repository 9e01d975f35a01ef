#include "transfer/record_codec.hpp"

#include <string>

#include <boost/json/serialize.hpp>

#include "common/km_error.hpp"
#include "common/utc_time.hpp"
#include "transfer/base64.hpp"
#include "transfer/json_fields.hpp"
#include "transfer/secret_json.hpp"

namespace arbor::km::transfer {
namespace {

// `"name":` followed by the JSON-escaped string value; names are fixed ASCII.
void append_string_field(secret& out, std::string_view name, std::string_view value) {
  out.append("\"");
  out.append(name);
  out.append("\":");
  out.append(boost::json::serialize(boost::json::string_view(value.data(), value.size())));
}

void append_key(const key_record& key, secret& out) {
  out.append("{");
  append_string_field(out, "key_id", key.key_id);
  out.append(",\"seq\":");
  out.append(std::to_string(key.seq));
  out.append(",");
  append_string_field(out, "status", key.status);
  out.append(",");
  append_string_field(out, "added_at", utc_rfc3339(key.added_at));
  out.append(",\"certificate\":\"");
  out.append(to_base64(key.certificate_der));
  out.append("\",\"private_key\":\"");
  append_base64({key.private_key_der.data(), key.private_key_der.size()}, out);
  out.append("\"}");
}

key_record parse_key(const boost::json::value& value, const std::string& where) {
  if (!value.is_object()) {
    throw error(errc::corrupt,
                "the transfer file is damaged: a key of " + where + " is not a JSON object");
  }
  const json_fields f(value.get_object(), "a key of " + where);
  key_record key;
  key.key_id = f.text("key_id");
  key.seq = f.integer("seq");
  key.status = f.text("status");
  key.added_at = f.time("added_at");
  key.certificate_der = from_base64(f.text_view("certificate"), "certificate");
  key.private_key_der = secret_from_base64(f.text_view("private_key"), "private_key");
  return key;
}

}  // namespace

void append_user_line(const user_record& user, secret& out) {
  out.append("{");
  append_string_field(out, "user_id", user.user_id);
  out.append(",");
  append_string_field(out, "alias", user.alias);
  out.append(",");
  append_string_field(out, "display_name", user.display_name);
  out.append(",");
  append_string_field(out, "email", user.email);
  out.append(",");
  append_string_field(out, "state", user.state);
  out.append(",\"keys\":[");
  for (std::size_t i = 0; i < user.keys.size(); ++i) {
    if (i != 0) out.append(",");
    append_key(user.keys[i], out);
  }
  out.append("]}\n");
}

user_record parse_user_line(std::string_view line, std::string_view where) {
  const std::string place(where);
  const boost::json::value value = parse_payload_json(line, place);
  const json_fields f(value.get_object(), place);
  user_record user;
  user.user_id = f.text("user_id");
  user.alias = f.text("alias");
  user.display_name = f.text("display_name");
  user.email = f.text("email");
  user.state = f.text("state");
  for (const boost::json::value& key : f.array("keys")) user.keys.push_back(parse_key(key, place));
  return user;
}

}  // namespace arbor::km::transfer
