// vector_file.cpp: reads, parses and validates vector files (format: vectors/README.md).
#include "vectors/vector_file.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "vectors/json_cursor.hpp"
#include "vectors/vector_file_error.hpp"

namespace sealsim::vectors {
namespace {

using nlohmann::json;

struct DuplicateKey {
  std::string pointer;
};

// Tracks the JSON pointer of the value being parsed so a repeated key can be reported where it
// is: nlohmann::json keeps the last of duplicate keys, which would silently drop data.
class DuplicateKeyDetector {
 public:
  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        enter_value();
        frames_.push_back(Frame{false, 0, {}, {}});
        break;
      case json::parse_event_t::array_start:
        enter_value();
        frames_.push_back(Frame{true, 0, {}, {}});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        break;
      case json::parse_event_t::key: {
        Frame& top = frames_.back();
        std::string key = parsed.get<std::string>();
        if (!top.keys.insert(key).second) throw DuplicateKey{pointer_to(key)};
        top.key = key;
        break;
      }
      case json::parse_event_t::value:
        enter_value();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_array;
    std::size_t next_index;
    std::string key;
    std::set<std::string> keys;
  };

  void enter_value() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().next_index;
  }

  std::string pointer_to(const std::string& key) const {
    std::string out;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      out += "/" + (f.is_array ? std::to_string(f.next_index - 1) : f.key);
    }
    return out + "/" + key;
  }

  std::vector<Frame> frames_;
};

std::string read_file(const std::filesystem::path& path, const std::string& name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw VectorFileError(name + ": cannot open the vector file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw VectorFileError(name + ": cannot read the vector file");
  return text.str();
}

json parse_text(const std::string& text, const std::string& name) {
  try {
    return json::parse(text, DuplicateKeyDetector());
  } catch (const json::parse_error& e) {
    throw VectorFileError(name + ": broken JSON: " + e.what());
  } catch (const json::out_of_range& e) {
    // A number beyond double ("1e999"; found by fuzz/vector_file_fuzz.cpp).
    throw VectorFileError(name + ": broken JSON: " + e.what());
  } catch (const DuplicateKey& d) {
    throw VectorFileError(name + ": " + d.pointer + ": duplicate key (each key may appear once)");
  }
}

void validate_meta(const JsonCursor& meta) {
  meta.allow_only({"id", "description", "gen", "tags"});
  meta.field("id").non_empty_string();
  meta.field("description").non_empty_string();
  std::vector<JsonCursor> gen = meta.field("gen").array();
  if (gen.empty())
    meta.field("gen").fail(
        "at least one {source, version} entry naming where the values come from");
  for (const JsonCursor& entry : gen) {
    entry.allow_only({"source", "version", "note"});
    entry.field("source").non_empty_string();
    entry.field("version").non_empty_string();
    if (auto note = entry.optional_field("note")) note->string();
  }
  bool provenance = false;
  for (const JsonCursor& tag : meta.field("tags").array()) {
    const std::string& text = tag.non_empty_string();
    provenance = provenance || text == "published" || text == "computed-independent";
  }
  if (!provenance) {
    meta.field("tags").fail_because(
        "expected a provenance tag, \"published\" or \"computed-independent\"");
  }
}

std::vector<std::string_view> names_of(const std::vector<FieldSpec>& fields) {
  std::vector<std::string_view> names;
  for (const FieldSpec& f : fields) names.push_back(f.name);
  return names;
}

void validate_fields(const JsonCursor& object, const std::vector<FieldSpec>& fields) {
  object.allow_only(names_of(fields));
  for (const FieldSpec& spec : fields) {
    if (spec.required) {
      validate_field(object.field(spec.name), spec.type);
    } else if (auto value = object.optional_field(spec.name)) {
      validate_field(*value, spec.type);
    }
  }
}

void validate_case(const JsonCursor& c, const KindSpec& kind) {
  c.allow_only({"id", "note", "input", "expect", "hints"});
  c.field("id").non_empty_string();
  if (auto note = c.optional_field("note")) note->string();

  JsonCursor input = c.field("input");
  validate_fields(input, kind.input);
  if (!kind.input_exactly_one_of.empty()) {
    std::size_t present = 0;
    std::string names;
    for (std::string_view name : kind.input_exactly_one_of) {
      if (input.has(name)) ++present;
      names += (names.empty() ? "\"" : " or \"") + std::string(name) + "\"";
    }
    if (present != 1) input.fail_because("expected exactly one of " + names);
  }

  bool expects_error = false;
  if (auto hints = c.optional_field("hints")) {
    hints->allow_only({"expect-error"});
    if (auto error = hints->optional_field("expect-error")) {
      if (error->json().is_boolean()) {
        if (!error->boolean()) error->fail("true or an error text fragment");
      } else if (!error->json().is_string() || error->string().empty()) {
        error->fail("true or a non-empty error text fragment");
      }
      expects_error = true;
    }
  }
  if (expects_error) {
    if (c.has("expect")) {
      c.field("expect").fail_because(
          "a case with an \"expect-error\" hint has no \"expect\" (it expects the error)");
    }
    return;
  }
  JsonCursor expect = c.field("expect");
  validate_fields(expect, kind.expect);
  if (expect.json().empty()) expect.fail("at least one expected output");
}

}  // namespace

VectorFile load_vector_file(const std::filesystem::path& path) {
  const std::string name = path.generic_string();
  return load_vector_text(read_file(path, name), name);
}

VectorFile load_vector_text(const std::string& text, const std::string& name) {
  VectorFile file;
  file.name = name;
  file.document = parse_text(text, file.name);
  JsonCursor root(file.name, file.document);
  root.allow_only({"_meta", "kind", "cases"});
  validate_meta(root.field("_meta"));
  file.meta_id = root.field("_meta").field("id").string();

  JsonCursor kind = root.field("kind");
  file.kind = find_kind(kind.string());
  if (file.kind == nullptr) {
    std::string known;
    for (const KindSpec& k : all_kinds())
      known += (known.empty() ? "" : ", ") + std::string(k.name);
    kind.fail("a known kind (" + known + ")");
  }

  std::vector<JsonCursor> cases = root.field("cases").array();
  if (cases.empty()) root.field("cases").fail("at least one case");
  for (const JsonCursor& c : cases) {
    validate_case(c, *file.kind);
    const std::string& id = c.field("id").string();
    if (std::find(file.case_ids.begin(), file.case_ids.end(), id) != file.case_ids.end()) {
      c.field("id").fail_because("duplicate case id \"" + id + "\" (ids are unique in a file)");
    }
    file.case_ids.push_back(id);
  }
  return file;
}

}  // namespace sealsim::vectors
