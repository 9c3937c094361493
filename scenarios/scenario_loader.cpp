// scenario_loader.cpp: parse (nlohmann), schema (valijson over scenario.schema.json), then the
// checks against sealsim's own lists, collecting every problem with its position.
#include "scenarios/scenario_loader.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "chain-mock/exit_code.hpp"
#include "chain-mock/fault_injector.hpp"
#include "model/model_error.hpp"
#include "scenarios/chain_method_names.hpp"
#include "scenarios/json_locator.hpp"
#include "sealing/market/deal_status_list.hpp"
#include "sealing/storage/task_type.hpp"

namespace sealsim::scenarios {

using Json = nlohmann::json;

ScenarioError::ScenarioError(std::string file, std::vector<ScenarioProblem> problems)
    : std::runtime_error(format_problems(file, problems)),
      file_(std::move(file)),
      problems_(std::move(problems)) {}

std::string format_problems(const std::string& file, const std::vector<ScenarioProblem>& problems) {
  std::string out;
  for (const auto& p : problems) {
    if (!out.empty()) out += "\n";
    out += file;
    if (p.line != 0) out += ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
    out += ": ";
    if (p.line != 0) out += "at " + (p.json_path.empty() ? std::string("/") : p.json_path) + ": ";
    out += p.message;
  }
  return out;
}

std::string_view proofs_name(ProofsBackend proofs) {
  switch (proofs) {
    case ProofsBackend::Mock: return "mock";
    case ProofsBackend::Cpu: return "cpu";
    case ProofsBackend::Cuda: return "cuda";
  }
  return "?";
}

std::string_view action_kind(const TimelineAction& action) {
  static constexpr std::array<std::string_view, 13> kKinds = {
      "pledge", "deal", "null_rounds", "reorg", "chain_fault", "message_fault",
      "set_balance", "worker_lost", "path_full", "restart", "operator", "task_fault", "remove_fault"};
  static_assert(std::variant_size_v<TimelineAction> == kKinds.size());
  return kKinds[action.index()];
}

std::optional<TokenAmount> parse_token_amount(std::string_view text) {
  const auto space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const std::string_view number = text.substr(0, space);
  const std::string_view unit = text.substr(space + 1);
  std::size_t scale = 0;
  if (unit == "FIL") {
    scale = 18;
  } else if (unit == "nanoFIL") {
    scale = 9;
  } else if (unit != "attoFIL") {
    return std::nullopt;
  }
  const auto dot = number.find('.');
  std::string whole(number.substr(0, dot));
  std::string fraction(dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1));
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (whole.empty() || fraction.size() > scale) return std::nullopt;
  std::string atto = whole + fraction + std::string(scale - fraction.size(), '0');
  const auto first = atto.find_first_not_of('0');
  atto = first == std::string::npos ? "0" : atto.substr(first);
  if (atto.size() > 38) return std::nullopt;  // beyond 128 bits' comfortable range
  try {
    return TokenAmount::parse(atto);
  } catch (const ModelError&) {
    return std::nullopt;
  }
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 19) return std::nullopt;
  const std::string_view unit = text.substr(digits);
  unsigned shift = 0;
  if (unit == "KiB") {
    shift = 10;
  } else if (unit == "MiB") {
    shift = 20;
  } else if (unit == "GiB") {
    shift = 30;
  } else if (unit == "TiB") {
    shift = 40;
  } else if (!unit.empty() && unit != "B") {
    return std::nullopt;
  }
  const std::uint64_t value = std::stoull(std::string(text.substr(0, digits)));
  if (shift != 0 && value > (~std::uint64_t{0} >> shift)) return std::nullopt;
  return value << shift;
}

namespace {

// --- Schema messages -------------------------------------------------------------------------

std::string json_type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "boolean " + value.dump();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "integer " + value.dump();
    case Json::value_t::number_float: return "number " + value.dump();
    case Json::value_t::string: return "string " + value.dump();
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "a value";
  }
}

const Json* resolve_ref(const Json& root, const Json* node) {
  for (int hops = 0; node != nullptr && node->is_object() && node->contains("$ref") && hops < 8; ++hops) {
    const std::string ref = (*node)["$ref"].get<std::string>();  // "#/definitions/x"
    const Json::json_pointer pointer(ref.substr(1));
    node = root.contains(pointer) ? &root.at(pointer) : nullptr;
  }
  return node;
}

// The subschema that governs the document value at `tokens` (following properties, items,
// additionalProperties and $ref), or nullptr.
const Json* schema_at(const Json& root, const std::vector<std::string>& tokens) {
  const Json* node = resolve_ref(root, &root);
  for (const auto& token : tokens) {
    if (node == nullptr || !node->is_object()) return nullptr;
    const Json* next = nullptr;
    if (node->contains("properties") && (*node)["properties"].contains(token)) {
      next = &(*node)["properties"][token];
    } else if (node->contains("items")) {
      next = &(*node)["items"];
    } else if (node->contains("additionalProperties") && (*node)["additionalProperties"].is_object()) {
      next = &(*node)["additionalProperties"];
    }
    node = resolve_ref(root, next);
  }
  return node;
}

std::string describe_expected(const Json& schema) {
  std::string out;
  if (schema.contains("enum")) {
    out = "one of";
    for (const auto& v : schema["enum"]) out += " " + v.dump();
    return out;
  }
  const std::string type = schema.value("type", std::string("value"));
  if (type == "integer") {
    out = "an integer";
  } else if (type == "object") {
    out = "an object";
  } else if (type == "array") {
    out = "an array";
  } else if (type == "boolean") {
    out = "a boolean (true or false)";
  } else if (type == "string") {
    out = "a string";
  } else {
    out = "a " + type;
  }
  if (schema.contains("minimum")) out += " >= " + schema["minimum"].dump();
  if (schema.contains("maximum")) out += " and <= " + schema["maximum"].dump();
  if (schema.contains("minLength")) out += " (not empty)";
  if (schema.contains("minItems")) out += " with at least " + schema["minItems"].dump() + " item";
  if (schema.contains("pattern")) {
    out += schema.contains("$comment") ? ": " + schema["$comment"].get<std::string>()
                                       : " matching " + schema["pattern"].get<std::string>();
  }
  return out;
}

std::string allowed_fields(const Json& schema) {
  std::string out;
  if (!schema.contains("properties")) return out;
  for (const auto& [key, value] : schema["properties"].items()) {
    if (key == "$comment" || key == "$schema") continue;
    out += out.empty() ? key : ", " + key;
  }
  return out;
}

struct SchemaProblem {
  std::vector<std::string> tokens;
  std::string message;
  bool at_key = false;
};

std::string pointer_of(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) out += "/" + escape_pointer_token(t);
  return out;
}

std::string between(const std::string& text, char open, char close) {
  const auto a = text.find(open);
  const auto b = text.rfind(close);
  return (a == std::string::npos || b == std::string::npos || b <= a) ? "" : text.substr(a + 1, b - a - 1);
}

// Turns one valijson leaf error into a sealsim message.
std::optional<SchemaProblem> translate(const Json& schema_root, const Json& doc,
                                       const valijson::ValidationResults::Error& error) {
  const std::string& d = error.description;
  if (d.rfind("Failed to validate against schema associated with property name", 0) == 0 ||
      d.rfind("Failed to validate item #", 0) == 0 ||
      d.rfind("Failed to validate against schema associated with", 0) == 0 ||
      d.rfind("Failed to validate against additional properties schema", 0) == 0) {
    return std::nullopt;  // wrappers around the leaf errors
  }
  SchemaProblem p;
  for (std::size_t i = 1; i < error.context.size(); ++i) {
    std::string token = error.context[i];
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']') token = token.substr(1, token.size() - 2);
    p.tokens.push_back(token);
  }
  const Json::json_pointer where(pointer_of(p.tokens));
  const Json* value = doc.contains(where) ? &doc.at(where) : nullptr;
  const Json* sub = schema_at(schema_root, p.tokens);
  if (d.rfind("Missing required property", 0) == 0) {
    p.message = "missing required field '" + between(d, '\'', '\'') + "'";
    const std::string field = between(d, '\'', '\'');
    if (sub != nullptr && sub->contains("properties") && (*sub)["properties"].contains(field)) {
      const Json* field_schema = resolve_ref(schema_root, &(*sub)["properties"][field]);
      if (field_schema != nullptr) p.message += " (" + describe_expected(*field_schema) + ")";
    }
  } else if (d.rfind("Object contains a property that could not be validated", 0) == 0) {
    const std::string field = between(d.substr(d.find(':')), '\'', '\'');
    p.message = "unknown field '" + field + "'";
    if (sub != nullptr) p.message += " (allowed: " + allowed_fields(*sub) + ")";
    p.tokens.push_back(field);
    p.at_key = true;
  } else if (d.rfind("Object should have no fewer than", 0) == 0 || d.rfind("Object should have no more than", 0) == 0) {
    p.message = "expected \"at\" and exactly one event kind";
    if (sub != nullptr) p.message += " (one of: " + allowed_fields(*sub) + ")";
  } else if (sub != nullptr) {
    p.message = "expected " + describe_expected(*sub) + ", got " + (value ? json_type_name(*value) : "nothing");
  } else {
    p.message = d;
  }
  return p;
}

const Json& parsed_schema() {
  // Parsed once; immutable afterwards.
  static const Json schema = Json::parse(scenario_schema_text());
  return schema;
}

std::vector<SchemaProblem> validate_schema(const Json& doc) {
  const Json& schema_json = parsed_schema();
  valijson::Schema schema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter doc_adapter(doc);
  std::vector<SchemaProblem> out;
  if (validator.validate(schema, doc_adapter, &results)) return out;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    if (auto p = translate(schema_json, doc, error)) out.push_back(std::move(*p));
  }
  return out;
}

// --- Semantic conversion ---------------------------------------------------------------------

class Builder {
 public:
  Builder(const Json& doc, std::vector<ScenarioProblem>& problems, const JsonLocator& locator)
      : doc_(doc), problems_(problems), locator_(locator) {}

  void problem(const std::string& pointer, const std::string& message) {
    const TextPosition pos = locator_.value_position(pointer);
    problems_.push_back({pos.line, pos.column, pointer, message});
  }

  std::optional<sealing::SectorState> state(const std::string& pointer, const std::string& name) {
    const auto s = sealing::state_from_name(name);
    if (!s || *s == sealing::SectorState::Undefined) {
      std::string known;
      for (const auto& info : sealing::kSectorStates) {
        if (info.state == sealing::SectorState::Undefined) continue;
        known += known.empty() ? std::string(info.name) : ", " + std::string(info.name);
      }
      problem(pointer, "unknown sector state \"" + name + "\" (known: " + known + ")");
      return std::nullopt;
    }
    return s;
  }

  // A deal status name of sealing/market/deal_status_list.hpp.
  bool deal_state(const std::string& pointer, const std::string& name) {
    if (market::deal_status_from_name(name)) return true;
    std::string known;
    for (std::uint64_t n = 0;; ++n) {
      const auto status = market::deal_status_from_number(n);
      if (!status) break;
      known += (known.empty() ? "" : ", ") + std::string(market::deal_status_name(*status));
    }
    problem(pointer, "unknown deal status \"" + name + "\" (known: " + known + ")");
    return false;
  }

  // A padded piece size: a power of two of at least 128 bytes.
  PaddedPieceSize piece_size(const std::string& pointer) {
    const std::uint64_t bytes = byte_size(pointer);
    if (bytes < 128 || (bytes & (bytes - 1)) != 0) {
      problem(pointer, "a piece size is a power of two of at least 128 bytes, got " + std::to_string(bytes));
      return PaddedPieceSize(128);
    }
    return PaddedPieceSize(bytes);
  }

  TokenAmount amount(const std::string& pointer) {
    const std::string text = doc_.at(Json::json_pointer(pointer)).get<std::string>();
    if (auto a = parse_token_amount(text)) return *a;
    problem(pointer, "token amount \"" + text + "\" is finer than 1 attoFIL or too large");
    return TokenAmount{};
  }

  std::uint64_t byte_size(const std::string& pointer) {
    const std::string text = doc_.at(Json::json_pointer(pointer)).get<std::string>();
    if (auto a = parse_byte_size(text)) return *a;
    problem(pointer, "byte size \"" + text + "\" does not fit in 64 bits");
    return 0;
  }

  std::string task(const std::string& pointer, const std::string& name) {
    if (const auto t = sealing::parse_task_type(name)) return std::string(sealing::to_string(*t));
    std::string known;
    for (const auto& info : sealing::all_task_types()) {
      known += known.empty() ? std::string(info.short_name) : ", " + std::string(info.short_name);
    }
    problem(pointer, "unknown task type \"" + name + "\" (known: " + known + ")");
    return name;
  }

 private:
  const Json& doc_;
  std::vector<ScenarioProblem>& problems_;
  const JsonLocator& locator_;
};

template <class T>
void take(const Json& object, const char* key, T& field) {
  if (object.contains(key)) field = object[key].get<T>();
}

void read_sealing(const Json& j, sealing::SealingConfig& c) {
  take(j, "max_wait_deals_sectors", c.max_wait_deals_sectors);
  take(j, "max_sealing_sectors", c.max_sealing_sectors);
  take(j, "max_sealing_sectors_for_deals", c.max_sealing_sectors_for_deals);
  take(j, "wait_deals_delay", c.wait_deals_delay);
  take(j, "always_keep_unsealed_copy", c.always_keep_unsealed_copy);
  take(j, "finalize_early", c.finalize_early);
  take(j, "batch_pre_commits", c.batch_pre_commits);
  take(j, "max_pre_commit_batch", c.max_pre_commit_batch);
  take(j, "pre_commit_batch_wait", c.pre_commit_batch_wait);
  take(j, "pre_commit_batch_slack", c.pre_commit_batch_slack);
  take(j, "aggregate_commits", c.aggregate_commits);
  take(j, "min_commit_batch", c.min_commit_batch);
  take(j, "max_commit_batch", c.max_commit_batch);
  take(j, "commit_batch_wait", c.commit_batch_wait);
  take(j, "commit_batch_slack", c.commit_batch_slack);
  take(j, "aggregate_above_base_fee_atto", c.aggregate_above_base_fee_atto);
  take(j, "terminate_batch_max", c.terminate_batch_max);
  take(j, "terminate_batch_min", c.terminate_batch_min);
  take(j, "terminate_batch_wait", c.terminate_batch_wait);
}

void read_fees(Builder& b, const Json& j, sealing::FeeConfig& f) {
  const auto amount = [&](const char* key, TokenAmount& field) {
    if (j.contains(key)) field = b.amount(std::string("/fees/") + key);
  };
  const auto batch = [&](const char* key, sealing::BatchFeeConfig& field) {
    if (!j.contains(key)) return;
    field.base = b.amount(std::string("/fees/") + key + "/base");
    field.per_sector = b.amount(std::string("/fees/") + key + "/per_sector");
  };
  amount("max_pre_commit_gas_fee", f.max_pre_commit_gas_fee);
  amount("max_commit_gas_fee", f.max_commit_gas_fee);
  batch("max_pre_commit_batch_gas_fee", f.max_pre_commit_batch_gas_fee);
  batch("max_commit_batch_gas_fee", f.max_commit_batch_gas_fee);
  amount("max_terminate_gas_fee", f.max_terminate_gas_fee);
  amount("max_window_post_gas_fee", f.max_window_post_gas_fee);
  amount("max_publish_deals_fee", f.max_publish_deals_fee);
  amount("max_market_balance_add_fee", f.max_market_balance_add_fee);
}

void read_market(Builder& b, const Json& j, MarketSettings& m) {
  take(j, "publish_period", m.publish.period);
  take(j, "max_deals_per_publish_msg", m.publish.max_deals_per_msg);
  take(j, "max_provider_collateral_multiplier", m.max_provider_collateral_multiplier);
  if (j.contains("ask_price")) m.ask.price = b.amount("/market/ask_price");
  if (j.contains("verified_ask_price")) m.ask.verified_price = b.amount("/market/verified_ask_price");
  if (j.contains("min_piece_size")) m.ask.min_piece_size = b.piece_size("/market/min_piece_size");
  if (j.contains("max_piece_size")) m.ask.max_piece_size = b.piece_size("/market/max_piece_size");
  if (j.contains("client_balance")) m.client_balance = b.amount("/market/client_balance");
}

bool known_api_call(const std::string& name) {
  for (int i = static_cast<int>(chain::ApiCall::Any); i <= static_cast<int>(chain::ApiCall::StateMarketStorageDeal); ++i) {
    if (chain::api_call_name(static_cast<chain::ApiCall>(i)) == name) return true;
  }
  return false;
}

bool known_exit_code(const std::string& name) {
  for (std::int64_t i = 0; i <= 32; ++i) {
    if (chain::exit_code_name(static_cast<chain::ExitCode>(i)) == name) return true;
  }
  return false;
}

std::string unknown_method_message(const std::string& method) {
  std::string known;
  for (const auto& n : chain_method_names()) known += known.empty() ? std::string(n.name) : ", " + std::string(n.name);
  return "unknown chain method \"" + method + "\" (known: " + known + ")";
}

TimelineAction read_action(Builder& b, const Scenario& s, const Json& entry, const std::string& at) {
  if (entry.contains("pledge")) return PledgeEvent{entry["pledge"]["count"].get<std::uint64_t>()};
  if (entry.contains("deal")) {
    const Json& d = entry["deal"];
    DealEvent e;
    e.size = b.byte_size(at + "/deal/size");
    if (e.size == 0) b.problem(at + "/deal/size", "a deal holds at least one byte");
    // The piece must fit one sector (AddPieceToAnySector refuses larger pieces); this also bounds
    // the payload the client builds in memory.
    const std::uint64_t sector = seal_proof_info(s.proof_type).sector_size;
    const std::uint64_t capacity = sector - sector / 128;
    if (e.size > capacity) {
      b.problem(at + "/deal/size", "a deal's payload must fit one sector: at most " + std::to_string(capacity) +
                                       " bytes for " + std::string(seal_proof_info(s.proof_type).name) + ", got " +
                                       std::to_string(e.size));
    }
    e.price_per_epoch = b.amount(at + "/deal/price_per_epoch");
    e.start_epoch = d["start_epoch"].get<ChainEpoch>();
    e.duration = d["duration"].get<ChainEpoch>();
    take(d, "online", e.online);
    take(d, "verified", e.verified);
    take(d, "fund_escrow", e.fund_escrow);
    if (d.contains("provider_collateral")) e.provider_collateral = b.amount(at + "/deal/provider_collateral");
    if (d.contains("payload")) {
      std::filesystem::path p = d["payload"].get<std::string>();
      if (p.is_relative()) p = s.folder / p;
      if (!std::filesystem::is_regular_file(p)) {
        b.problem(at + "/deal/payload", "payload file \"" + d["payload"].get<std::string>() +
                                            "\" not found (resolved to " + p.string() + ")");
      }
      e.payload = p;
    }
    return e;
  }
  if (entry.contains("null_rounds")) return NullRoundsEvent{entry["null_rounds"]["count"].get<ChainEpoch>()};
  if (entry.contains("reorg")) {
    const Json& r = entry["reorg"];
    ReorgEvent e;
    e.depth = r["depth"].get<std::uint64_t>();
    if (r.contains("null_heights")) {
      for (const auto& h : r["null_heights"]) e.null_heights.insert(h.get<ChainEpoch>());
    }
    take(r, "return_messages_to_pool", e.return_messages_to_pool);
    return e;
  }
  if (entry.contains("chain_fault")) {
    ChainFaultEvent e{entry["chain_fault"]["call"].get<std::string>(), entry["chain_fault"]["count"].get<std::uint64_t>()};
    if (!known_api_call(e.call)) b.problem(at + "/chain_fault/call", "unknown chain API call \"" + e.call + "\"");
    return e;
  }
  if (entry.contains("message_fault")) {
    const Json& m = entry["message_fault"];
    MessageFaultEvent e{m["method"].get<std::string>(), m["exit_code"].get<std::string>(), 1};
    take(m, "count", e.count);
    if (!find_chain_method(e.method)) b.problem(at + "/message_fault/method", unknown_method_message(e.method));
    if (!known_exit_code(e.exit_code)) b.problem(at + "/message_fault/exit_code", "unknown exit code \"" + e.exit_code + "\"");
    return e;
  }
  if (entry.contains("set_balance")) return SetBalanceEvent{b.amount(at + "/set_balance/amount")};
  if (entry.contains("worker_lost")) {
    WorkerLostEvent e{entry["worker_lost"]["worker"].get<std::string>()};
    const bool declared = std::any_of(s.workers.begin(), s.workers.end(), [&](const WorkerSpec& w) { return w.name == e.worker; });
    if (!declared) b.problem(at + "/worker_lost/worker", "worker \"" + e.worker + "\" is not declared in /workers");
    return e;
  }
  if (entry.contains("path_full")) {
    PathFullEvent e{entry["path_full"]["path"].get<std::string>()};
    const bool declared = std::any_of(s.storage.begin(), s.storage.end(), [&](const StoragePathSpec& p) { return p.path == e.path; });
    if (!declared) b.problem(at + "/path_full/path", "storage path \"" + e.path + "\" is not declared in /storage");
    return e;
  }
  if (entry.contains("restart")) {
    const Json& r = entry["restart"];
    RestartEvent e;
    take(r, "down_epochs", e.down_epochs);
    if (r.contains("after_push")) {
      e.after_push = r["after_push"].get<std::string>();
      if (!find_chain_method(*e.after_push)) b.problem(at + "/restart/after_push", unknown_method_message(*e.after_push));
    }
    return e;
  }
  if (entry.contains("task_fault")) {
    const Json& t = entry["task_fault"];
    TaskFaultEvent e{t["task"].get<std::string>(), 1};
    take(t, "count", e.count);
    const auto task = sealing::parse_task_type(e.task);
    if (!task) b.problem(at + "/task_fault/task", "unknown task type \"" + e.task + "\"");
    e.empty_result = t.value("result", std::string("error")) == "empty";
    if (e.empty_result && task && *task != sealing::TaskType::PreCommit2) {
      b.problem(at + "/task_fault/result",
                "\"empty\" is a PC2 answer only (zero-valued SectorCids, an undefined CommD); task \"" + e.task +
                    "\" can only fail with \"error\"");
    }
    return e;
  }
  if (entry.contains("remove_fault")) {
    RemoveFaultEvent e;
    take(entry["remove_fault"], "count", e.count);
    return e;
  }
  const Json& o = entry["operator"];
  OperatorEvent e;
  const std::string command = o["command"].get<std::string>();
  e.command = command == "remove" ? OperatorCommand::Remove
              : command == "terminate" ? OperatorCommand::Terminate : OperatorCommand::ForceState;
  e.sector = o["sector"].get<SectorNumber>();
  if (e.command == OperatorCommand::ForceState) {
    if (!o.contains("state")) {
      b.problem(at + "/operator", "force_state needs a \"state\"");
    } else if (b.state(at + "/operator/state", o["state"].get<std::string>())) {
      e.state = o["state"].get<std::string>();
    }
  } else if (o.contains("state")) {
    b.problem(at + "/operator/state", "\"state\" belongs only to the force_state command");
  }
  return e;
}

void read_expect(Builder& b, const Json& j, Expectations& x, std::uint64_t deal_events) {
  if (j.contains("sectors")) {
    for (std::size_t i = 0; i < j["sectors"].size(); ++i) {
      const std::string at = "/expect/sectors/" + std::to_string(i);
      const Json& e = j["sectors"][i];
      if (auto s = b.state(at + "/state", e["state"].get<std::string>())) {
        x.sectors.push_back({e["sector"].get<SectorNumber>(), *s});
      }
    }
  }
  if (j.contains("deals")) {
    for (std::size_t i = 0; i < j["deals"].size(); ++i) {
      const std::string at = "/expect/deals/" + std::to_string(i);
      const Json& e = j["deals"][i];
      const auto number = e["deal"].get<std::uint64_t>();
      if (number > deal_events) {
        b.problem(at + "/deal", "deal " + std::to_string(number) + " does not exist: the timeline has " +
                                    std::to_string(deal_events) + " deal event(s), numbered from 1");
      }
      const std::string state = e["state"].get<std::string>();
      if (!b.deal_state(at + "/state", state)) continue;
      x.deals.push_back({number, state});
    }
  }
  if (j.contains("counts")) {
    for (const auto& [name, count] : j["counts"].items()) {
      if (auto s = b.state("/expect/counts/" + escape_pointer_token(name), name)) x.counts[*s] = count.get<std::uint64_t>();
    }
  }
  if (j.contains("messages")) {
    for (const auto& [name, count] : j["messages"].items()) {
      if (!find_chain_method(name)) {
        b.problem("/expect/messages/" + escape_pointer_token(name), "unknown chain method \"" + name + "\"");
      }
      x.messages[name] = count.get<std::uint64_t>();
    }
  }
  if (j.contains("findings")) {
    take(j["findings"], "must", x.findings_must);
    take(j["findings"], "must_not", x.findings_must_not);
  }
  if (j.contains("liveness_epochs")) x.liveness_epochs = j["liveness_epochs"].get<ChainEpoch>();
}

Scenario build(const Json& doc, Scenario s, std::vector<ScenarioProblem>& problems, const JsonLocator& locator) {
  Builder b(doc, problems, locator);
  s.name = doc["name"].get<std::string>();
  s.description = doc["description"].get<std::string>();
  s.seed = doc["seed"].get<std::uint64_t>();
  if (doc.contains("proofs")) {
    const std::string p = doc["proofs"].get<std::string>();
    s.proofs = p == "mock" ? ProofsBackend::Mock : p == "cpu" ? ProofsBackend::Cpu : ProofsBackend::Cuda;
  }
  try {
    s.proof_type = parse_seal_proof(doc["proof_type"].get<std::string>());
  } catch (const ModelError& e) {
    b.problem("/proof_type", e.what());
  }
  if (doc.contains("network") && doc["network"] == "devnet_2k") s.network = Network::Devnet2k;
  if (doc.contains("persistence") && doc["persistence"] == "sqlite") s.persistence = Persistence::Sqlite;
  if (doc.contains("sealing")) read_sealing(doc["sealing"], s.sealing);
  if (doc.contains("fees")) read_fees(b, doc["fees"], s.fees);
  if (doc.contains("miner")) {
    if (doc["miner"].contains("balance")) s.miner_balance = b.amount("/miner/balance");
  }
  if (doc.contains("market")) read_market(b, doc["market"], s.market);
  if (doc.contains("workers")) {
    std::set<std::string> names;
    for (std::size_t i = 0; i < doc["workers"].size(); ++i) {
      const std::string at = "/workers/" + std::to_string(i);
      const Json& w = doc["workers"][i];
      WorkerSpec spec{w["name"].get<std::string>(), {}};
      if (!names.insert(spec.name).second) b.problem(at + "/name", "worker name \"" + spec.name + "\" appears twice");
      for (std::size_t k = 0; k < w["tasks"].size(); ++k) {
        spec.tasks.push_back(b.task(at + "/tasks/" + std::to_string(k), w["tasks"][k].get<std::string>()));
      }
      s.workers.push_back(std::move(spec));
    }
  }
  if (doc.contains("storage")) {
    std::set<std::string> paths;
    for (std::size_t i = 0; i < doc["storage"].size(); ++i) {
      const std::string at = "/storage/" + std::to_string(i);
      const Json& p = doc["storage"][i];
      StoragePathSpec spec;
      spec.path = p["path"].get<std::string>();
      spec.capacity = b.byte_size(at + "/capacity");
      if (spec.capacity == 0) b.problem(at + "/capacity", "a storage path needs a capacity above 0 bytes");
      take(p, "seal", spec.seal);
      take(p, "store", spec.store);
      if (!paths.insert(spec.path).second) b.problem(at + "/path", "storage path \"" + spec.path + "\" appears twice");
      s.storage.push_back(std::move(spec));
    }
  }
  if (doc.contains("durations")) {
    for (const auto& [task, seconds] : doc["durations"].items()) {
      s.durations[b.task("/durations/" + escape_pointer_token(task), task)] = seconds.get<sealing::SimSeconds>();
    }
  }
  s.end_epoch = doc["end"]["epoch"].get<ChainEpoch>();
  for (std::size_t i = 0; i < doc["timeline"].size(); ++i) {
    const std::string at = "/timeline/" + std::to_string(i);
    const Json& entry = doc["timeline"][i];
    TimelineEntry t;
    t.at = entry["at"].get<ChainEpoch>();
    t.json_path = at;
    if (t.at >= s.end_epoch) {
      b.problem(at + "/at", "event at epoch " + std::to_string(t.at) + " is not before the end epoch " +
                                std::to_string(s.end_epoch));
    }
    std::size_t kinds = 0;
    for (const auto& [key, value] : entry.items()) kinds += (key == "at" || key == "$comment") ? std::size_t{0} : std::size_t{1};
    if (kinds != 1) {
      b.problem(at, "expected \"at\" and exactly one event kind, found " + std::to_string(kinds));
      continue;
    }
    t.action = read_action(b, s, entry, at);
    s.timeline.push_back(std::move(t));
  }
  std::stable_sort(s.timeline.begin(), s.timeline.end(),
                   [](const TimelineEntry& a, const TimelineEntry& c) { return a.at < c.at; });
  const auto deal_events = static_cast<std::uint64_t>(std::count_if(
      s.timeline.begin(), s.timeline.end(), [](const TimelineEntry& e) { return std::holds_alternative<DealEvent>(e.action); }));
  read_expect(b, doc["expect"], s.expect, deal_events);
  return s;
}

}  // namespace

Scenario load_scenario_text(std::string text, const std::string& label, const std::filesystem::path& folder) {
  std::vector<ScenarioProblem> problems;
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // nlohmann's byte is 1-based and points just past the offending character.
    const std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
    const TextPosition pos = position_of_offset(text, offset);
    std::string what = e.what();
    const auto syntax = what.find("syntax error");
    what = syntax == std::string::npos ? what : what.substr(syntax);
    throw ScenarioError(label, {{pos.line, pos.column, "", "invalid JSON: " + what}});
  } catch (const Json::out_of_range& e) {
    // A number beyond double ("1e999"): nlohmann names the token but not its offset; point at the
    // token's first occurrence (found by fuzz/scenario_fuzz.cpp, fuzz/regressions/scenario/).
    const std::string what = e.what();
    const auto open = what.find('\'');
    const auto close = what.rfind('\'');
    const std::size_t at =
        open == std::string::npos || close <= open ? std::string::npos : text.find(what.substr(open + 1, close - open - 1));
    const TextPosition pos = position_of_offset(text, at == std::string::npos ? 0 : at);
    throw ScenarioError(label, {{pos.line, pos.column, "", "invalid JSON: number out of range: " + what.substr(what.find(']') + 2)}});
  }
  const JsonLocator locator(text);
  if (const auto& dup = locator.duplicate_key()) {
    const TextPosition pos = locator.key_position(*dup);
    throw ScenarioError(label, {{pos.line, pos.column, *dup, "duplicate field (a later copy would silently replace the earlier one)"}});
  }
  for (const auto& p : validate_schema(doc)) {
    const std::string pointer = pointer_of(p.tokens);
    const TextPosition pos = p.at_key ? locator.key_position(pointer) : locator.value_position(pointer);
    problems.push_back({pos.line, pos.column, pointer, p.message});
  }
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(), [](const ScenarioProblem& a, const ScenarioProblem& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    throw ScenarioError(label, std::move(problems));
  }
  Scenario s;
  s.folder = folder;
  s.text = text;
  s = build(doc, std::move(s), problems, locator);
  if (!problems.empty()) throw ScenarioError(label, std::move(problems));
  return s;
}

Scenario load_scenario_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file)) {
    throw ScenarioError(file.string(), {{0, 0, "", "cannot read the scenario file"}});
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  Scenario s = load_scenario_text(buffer.str(), file.string(), folder);
  s.file = file;
  return s;
}

}  // namespace sealsim::scenarios
