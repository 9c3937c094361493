// scenario_loader_test.cpp: the loader's typed values, defaults from the one config source,
// amounts and sizes, path resolution, and the position and path of its errors.
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "scenarios/scenario_loader.hpp"

namespace sealsim::scenarios {
namespace {

const char* kMinimal = R"({
  "name": "t",
  "description": "d",
  "seed": 5,
  "proof_type": "2KiB",
  "end": {"epoch": 50},
  "timeline": [],
  "expect": {}
})";

Scenario load(const std::string& text) { return load_scenario_text(text, "mem.json", "."); }

std::string with(const std::string& field_json) {
  std::string text = kMinimal;
  text.insert(text.find("\"end\""), field_json + ",\n  ");
  return text;
}

TEST(ScenarioLoader, LoadsTheMinimalScenarioWithDefaultsFromTheConfigHeaders) {
  const Scenario s = load(kMinimal);
  EXPECT_EQ(s.name, "t");
  EXPECT_EQ(s.seed, 5u);
  EXPECT_EQ(s.proof_type, RegisteredSealProof::StackedDrg2KiBV1_1);
  EXPECT_EQ(s.end_epoch, 50);
  EXPECT_EQ(s.proofs, ProofsBackend::Mock);
  EXPECT_EQ(s.persistence, Persistence::Memory);
  const sealing::SealingConfig defaults;
  EXPECT_EQ(s.sealing.batch_pre_commits, defaults.batch_pre_commits);
  EXPECT_EQ(s.sealing.max_commit_batch, defaults.max_commit_batch);
  EXPECT_EQ(s.fees.max_commit_gas_fee, sealing::FeeConfig{}.max_commit_gas_fee);
}

TEST(ScenarioLoader, AppliesSealingAndFeeOverrides) {
  const Scenario s = load(with(R"("sealing": {"batch_pre_commits": false, "max_commit_batch": 10, "wait_deals_delay": 60},
  "fees": {"max_pre_commit_gas_fee": "0.5 FIL", "max_commit_batch_gas_fee": {"base": "1 nanoFIL", "per_sector": "2 attoFIL"}})"));
  EXPECT_FALSE(s.sealing.batch_pre_commits);
  EXPECT_EQ(s.sealing.max_commit_batch, 10u);
  EXPECT_EQ(s.sealing.wait_deals_delay, 60);
  EXPECT_EQ(s.sealing.min_commit_batch, sealing::SealingConfig{}.min_commit_batch);
  EXPECT_EQ(s.fees.max_pre_commit_gas_fee, TokenAmount::from_nano(500'000'000));
  EXPECT_EQ(s.fees.max_commit_batch_gas_fee.base, TokenAmount::from_nano(1));
  EXPECT_EQ(s.fees.max_commit_batch_gas_fee.per_sector, TokenAmount(2));
}

TEST(ScenarioLoader, EverySealingFieldOfTheSchemaIsRead) {
  // Guards against the schema and the loader drifting apart: each sealing field the schema
  // allows must change the loaded config when set to a value different from its default.
  const auto schema = nlohmann::json::parse(scenario_schema_text());
  for (const auto& [key, field] : schema["properties"]["sealing"]["properties"].items()) {
    if (key == "$comment") continue;
    const bool boolean = field.contains("type") && field["type"] == "boolean";
    const std::string value = boolean ? "true" : "123457";
    const Scenario s = load(with("\"sealing\": {\"" + key + "\": " + value + "}"));
    const Scenario flipped = load(with("\"sealing\": {\"" + key + "\": " + (boolean ? "false" : "7") + "}"));
    const auto as_json = [](const sealing::SealingConfig& c) {
      return std::to_string(c.max_wait_deals_sectors) + std::to_string(c.max_sealing_sectors) +
             std::to_string(c.max_sealing_sectors_for_deals) + std::to_string(c.wait_deals_delay) +
             std::to_string(c.always_keep_unsealed_copy) + std::to_string(c.finalize_early) +
             std::to_string(c.batch_pre_commits) + std::to_string(c.max_pre_commit_batch) +
             std::to_string(c.pre_commit_batch_wait) + std::to_string(c.pre_commit_batch_slack) +
             std::to_string(c.aggregate_commits) + std::to_string(c.min_commit_batch) +
             std::to_string(c.max_commit_batch) + std::to_string(c.commit_batch_wait) +
             std::to_string(c.commit_batch_slack) + std::to_string(c.aggregate_above_base_fee_atto) +
             std::to_string(c.terminate_batch_max) + std::to_string(c.terminate_batch_min) +
             std::to_string(c.terminate_batch_wait);
    };
    EXPECT_NE(as_json(s.sealing), as_json(flipped.sealing)) << key;
  }
}

TEST(ScenarioLoader, ParsesTokenAmounts) {
  EXPECT_EQ(parse_token_amount("1 FIL"), TokenAmount::from_fil(1));
  EXPECT_EQ(parse_token_amount("0.025 FIL"), TokenAmount::from_nano(25'000'000));
  EXPECT_EQ(parse_token_amount("150 nanoFIL"), TokenAmount::from_nano(150));
  EXPECT_EQ(parse_token_amount("7 attoFIL"), TokenAmount(7));
  EXPECT_EQ(parse_token_amount("1.50 attoFIL"), std::nullopt);
  EXPECT_EQ(parse_token_amount("1.0 attoFIL"), TokenAmount(1));
  EXPECT_EQ(parse_token_amount("3"), std::nullopt);
  EXPECT_EQ(parse_token_amount("3 mFIL"), std::nullopt);
}

TEST(ScenarioLoader, ParsesByteSizes) {
  EXPECT_EQ(parse_byte_size("2KiB"), 2048u);
  EXPECT_EQ(parse_byte_size("2048"), 2048u);
  EXPECT_EQ(parse_byte_size("2048B"), 2048u);
  EXPECT_EQ(parse_byte_size("1GiB"), std::uint64_t{1} << 30);
  EXPECT_EQ(parse_byte_size("1KB"), std::nullopt);
  EXPECT_EQ(parse_byte_size(""), std::nullopt);
  EXPECT_EQ(parse_byte_size("99999999999TiB"), std::nullopt);
}

TEST(ScenarioLoader, SortsTheTimelineByEpochKeepingFileOrderWithinAnEpoch) {
  const Scenario s = load(R"({"name": "t", "description": "d", "seed": 1, "proof_type": "2KiB", "end": {"epoch": 50},
    "timeline": [{"at": 9, "restart": {}}, {"at": 3, "pledge": {"count": 2}}, {"at": 9, "null_rounds": {"count": 1}}],
    "expect": {}})");
  ASSERT_EQ(s.timeline.size(), 3u);
  EXPECT_EQ(s.timeline[0].at, 3);
  EXPECT_EQ(action_kind(s.timeline[1].action), "restart");
  EXPECT_EQ(s.timeline[1].json_path, "/timeline/0");
  EXPECT_EQ(action_kind(s.timeline[2].action), "null_rounds");
}

TEST(ScenarioLoader, ResolvesPayloadsAgainstTheScenarioFolder) {
  const auto folder = std::filesystem::temp_directory_path() / ("sealsim-loader-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder / "data");
  std::ofstream(folder / "data" / "piece.bin") << "bytes";
  std::ofstream(folder / "s.json") << R"({"name": "t", "description": "d", "seed": 1, "proof_type": "2KiB", "end": {"epoch": 50},
    "timeline": [{"at": 1, "deal": {"size": "1KiB", "price_per_epoch": "0 FIL", "start_epoch": 10, "duration": 5, "payload": "data/piece.bin"}}],
    "expect": {}})";
  const Scenario s = load_scenario_file(folder / "s.json");
  const auto& deal = std::get<DealEvent>(s.timeline.at(0).action);
  EXPECT_EQ(deal.payload, folder / "data" / "piece.bin");
  EXPECT_EQ(deal.size, 1024u);
  std::filesystem::remove_all(folder);
}

TEST(ScenarioLoader, ReadsTheMarketSectionAndTheDealFields) {
  const Scenario s = load(R"({"name": "t", "description": "d", "seed": 1, "proof_type": "2KiB", "end": {"epoch": 50},
    "market": {"publish_period": 120, "max_deals_per_publish_msg": 3, "ask_price": "7 attoFIL",
      "max_piece_size": "2KiB", "client_balance": "5 FIL", "max_provider_collateral_multiplier": 3},
    "timeline": [{"at": 1, "deal": {"size": "1000", "price_per_epoch": "1 nanoFIL", "start_epoch": 10, "duration": 518400,
      "online": false, "provider_collateral": "3 attoFIL", "fund_escrow": false}}, {"at": 2, "deal": {"size": "1000",
      "price_per_epoch": "1 nanoFIL", "start_epoch": 10, "duration": 518400}}],
    "expect": {"deals": [{"deal": 2, "state": "StorageDealActive"}]}})");
  EXPECT_EQ(s.market.publish.period, 120);
  EXPECT_EQ(s.market.publish.max_deals_per_msg, 3u);
  EXPECT_EQ(s.market.ask.price, TokenAmount(7));
  EXPECT_EQ(s.market.ask.verified_price, market::StorageAsk{}.verified_price);  // default kept
  EXPECT_EQ(s.market.ask.max_piece_size, PaddedPieceSize(2048));
  EXPECT_EQ(s.market.client_balance, TokenAmount::from_fil(5));
  EXPECT_EQ(s.market.max_provider_collateral_multiplier, 3);
  const auto& first = std::get<DealEvent>(s.timeline.at(0).action);
  EXPECT_FALSE(first.online);
  EXPECT_FALSE(first.fund_escrow);
  EXPECT_EQ(first.provider_collateral, TokenAmount(3));
  const auto& second = std::get<DealEvent>(s.timeline.at(1).action);
  EXPECT_TRUE(second.fund_escrow);
  EXPECT_FALSE(second.provider_collateral.has_value());
  ASSERT_EQ(s.expect.deals.size(), 1u);
  EXPECT_EQ(s.expect.deals[0].deal, 2u);
  EXPECT_EQ(s.expect.deals[0].state, "StorageDealActive");
}

TEST(ScenarioLoader, BadDealFieldsAreErrorsWithTheirJsonPath) {
  try {
    load(R"({"name": "t", "description": "d", "seed": 1, "proof_type": "2KiB", "end": {"epoch": 50},
    "market": {"max_piece_size": "3000"},
    "timeline": [{"at": 1, "deal": {"size": "1000", "price_per_epoch": "1 nanoFIL", "start_epoch": 10, "duration": 518400,
      "provider_collateral": "1.5 attoFIL"}}],
    "expect": {"deals": [{"deal": 1, "state": "Active"}, {"deal": 2, "state": "StorageDealError"}]}})");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    std::map<std::string, std::string> by_path;
    for (const auto& p : e.problems()) by_path[p.json_path] = p.message;
    EXPECT_EQ(by_path["/market/max_piece_size"], "a piece size is a power of two of at least 128 bytes, got 3000");
    EXPECT_EQ(by_path["/timeline/0/deal/provider_collateral"],
              "token amount \"1.5 attoFIL\" is finer than 1 attoFIL or too large");
    EXPECT_EQ(by_path["/expect/deals/0/state"].rfind("unknown deal status \"Active\" (known: StorageDealUnknown, ", 0), 0u)
        << by_path["/expect/deals/0/state"];
    EXPECT_EQ(by_path["/expect/deals/1/deal"],
              "deal 2 does not exist: the timeline has 1 deal event(s), numbered from 1");
    EXPECT_NE(std::string(e.what()).find("mem.json:"), std::string::npos);
  }
}

TEST(ScenarioLoader, ErrorsNameTheLineColumnAndJsonPath) {
  try {
    load("{\n  \"name\": \"t\",\n  \"seed\": \"x\"\n}");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    ASSERT_GE(e.problems().size(), 2u);
    // Sorted by position: the missing fields (root, line 1) first, then the seed on line 3.
    const auto& seed = e.problems().back();
    EXPECT_EQ(seed.line, 3u);
    EXPECT_EQ(seed.column, 11u);
    EXPECT_EQ(seed.json_path, "/seed");
    EXPECT_EQ(seed.message, "expected an integer >= 0, got string \"x\"");
    EXPECT_NE(std::string(e.what()).find("mem.json:3:11: at /seed: expected an integer"), std::string::npos);
  }
}

TEST(ScenarioLoader, BrokenJsonGivesTheParserPosition) {
  try {
    load("{\n  \"a\": 1,\n  \"b\" 2\n}");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].line, 3u);
    EXPECT_NE(e.problems()[0].message.find("invalid JSON: syntax error"), std::string::npos);
  }
}

TEST(ScenarioLoader, UnreadableFileIsAnErrorNamingIt) {
  try {
    load_scenario_file("/nonexistent/s.json");
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/s.json: cannot read the scenario file");
  }
}

}  // namespace
}  // namespace sealsim::scenarios
