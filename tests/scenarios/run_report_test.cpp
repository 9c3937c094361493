// run_report_test.cpp: the HTML report and JSON summary of a run: verdict, stop reason and failed
// expectations highlighted, one SVG row per sector, text escaped, nothing fetched from outside.
#include <gtest/gtest.h>

#include "reports/html_report.hpp"
#include "reports/json_summary.hpp"

namespace sealsim::reports {
namespace {

scenarios::RunResult sample_run() {
  scenarios::RunResult r;
  r.scenario_name = "sample";
  r.description = "shows <b>escaping</b> & more";
  r.end_epoch = 100;
  r.reached_epoch = 60;
  r.stop = "proofs backend 'cpu' cannot drive a scenario yet";
  r.expectations.push_back({"sector 1 ends in Proving", false, "it ended in Packing"});
  r.expectations.push_back({"1 sector(s) end in Packing", true, ""});
  r.sectors[1].states = {{10, "Packing"}, {40, "GetTicket"}};
  r.sectors[1].final_state = "GetTicket";
  r.sectors[2].states = {{12, "Packing"}};
  r.findings.push_back("PlannerHalt sector 2: x");
  r.trace_hash = "ab";
  return r;
}

TEST(RunReport, HighlightsFailuresAndDrawsOneRowPerSector) {
  const std::string html = html_report(sample_run());
  EXPECT_NE(html.find("<p class=\"verdict fail\">FAILED</p>"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"stop\"><b>Run stopped:</b> proofs backend 'cpu' cannot drive"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"fail\"><td>sector 1 ends in Proving</td><td>FAILED</td><td>it ended in Packing</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr class=\"pass\"><td>1 sector(s) end in Packing</td><td>held</td>"), std::string::npos);
  EXPECT_NE(html.find("shows &lt;b&gt;escaping&lt;/b&gt; &amp; more"), std::string::npos);
  EXPECT_EQ(html.find("<b>escaping"), std::string::npos);
  EXPECT_NE(html.find(">sector 1</text>"), std::string::npos);
  EXPECT_NE(html.find(">sector 2</text>"), std::string::npos);
  EXPECT_NE(html.find("<title>GetTicket from epoch 40</title>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST(RunReport, JsonSummaryCarriesTheVerdictAndTheReasons) {
  const auto j = run_summary_json(sample_run());
  EXPECT_FALSE(j["passed"].get<bool>());
  EXPECT_EQ(j["stop"], "proofs backend 'cpu' cannot drive a scenario yet");
  EXPECT_EQ(j["expectations"][0]["explanation"], "it ended in Packing");
  EXPECT_EQ(j["sectors"][0]["history"][1]["state"], "GetTicket");
  EXPECT_EQ(j.begin().key(), "scenario");
}

}  // namespace
}  // namespace sealsim::reports
