// run_report_test.cpp: the HTML report and JSON summary of a run: verdict, stop reason and failed
// expectations highlighted, one SVG row per sector, the deals table, text escaped, nothing fetched
// from outside.
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
  EXPECT_NE(html.find("<div class=\"stop\"><b>Run stopped:</b> proofs backend &#39;cpu&#39; cannot drive"), std::string::npos);
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

TEST(RunReport, WithoutWorkerUsageSaysWhyAndDrawsNoLanes) {
  const std::string html = html_report(sample_run());
  EXPECT_NE(html.find("No worker usage was recorded for this run"), std::string::npos);
  EXPECT_EQ(html.find("worker-lane"), std::string::npos);
  // Two sector rows, no lanes: axis 24 + 2 rows of 22 + 4.
  EXPECT_NE(html.find("height=\"72\" role=\"img\""), std::string::npos);
}

TEST(RunReport, DrawsALanePerWorkerAndTabulatesUtilisation) {
  auto run = sample_run();
  run.worker_usage = {
      {"pc1-box", 0, 20, 0, 0, 0, 0, true},
      {"pc1-box", 20, 50, 2, 0, 8, 0, true},
      {"pc1-box", 50, 60, 1, 1, 4, 0, true},
      {"pc1-box", 60, 100, 0, 0, 0, 0, true},
      {"c2<gpu>", 0, 30, 1, 0, 1, 1, true},
      {"c2<gpu>", 30, 40, 0, 0, 0, 0, false},
      {"c2<gpu>", 40, 100, 0, 0, 0, 0, true},
  };
  const std::string html = html_report(run);
  // Two sector rows and two lanes: axis 24 + 4 rows of 22 + 4.
  EXPECT_NE(html.find("height=\"116\" role=\"img\""), std::string::npos);
  EXPECT_NE(html.find(">pc1-box</text>"), std::string::npos);
  EXPECT_NE(html.find(">c2&lt;gpu&gt;</text>"), std::string::npos);
  EXPECT_EQ(html.find("c2<gpu>"), std::string::npos);
  // pc1-box's lane is the third row (y 24 + 2*22 = 68); its peak of 2 tasks fills the bar (18 px),
  // 1 task half of it; epochs 20..50 of 100 span x 252..495.
  EXPECT_NE(html.find("<title>pc1-box: 2 task(s) running (8 CPUs, 0 on GPU), 0 preparing, epochs 20–50</title>"
                      "<rect x=\"252\" y=\"70\" width=\"243\" height=\"18\" fill=\"#7b5ea7\"/>"),
            std::string::npos);
  EXPECT_NE(html.find("<rect x=\"495\" y=\"79\" width=\"81\" height=\"9\" fill=\"#7b5ea7\"/>"
                      "<rect x=\"495\" y=\"70\" width=\"81\" height=\"3\" fill=\"#c9b8e8\"/>"),
            std::string::npos);
  EXPECT_NE(html.find("<title>c2&lt;gpu&gt; lost, epochs 30–40</title>"), std::string::npos);
  // pc1-box busy 40 of 100 epochs; c2<gpu> busy 30 of 90 connected, 10 lost (row marked).
  EXPECT_NE(html.find("<tr><td>pc1-box</td><td>100</td><td>40</td><td>40.0 %</td><td>2</td><td>8</td><td>0</td>"
                      "<td>0</td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr class=\"fail\"><td>c2&lt;gpu&gt;</td><td>90</td><td>30</td><td>33.3 %</td><td>1</td>"
                      "<td>1</td><td>1</td><td>10</td></tr>"),
            std::string::npos);
  const auto j = run_summary_json(run);
  EXPECT_EQ(j["worker_usage"].size(), 7U);
  EXPECT_EQ(j["worker_usage"][1]["active_tasks"], 2);
  EXPECT_EQ(j["worker_usage"][5]["connected"], false);
}

TEST(RunReport, TabulatesTheDealsWithFailuresMarked) {
  auto run = sample_run();
  EXPECT_NE(html_report(run).find("<tr><td colspan=\"7\">none</td></tr>"), std::string::npos);
  run.deals[1].proposed = 10;
  run.deals[1].states = {{10, "StorageDealClientFunding"}, {40, "StorageDealActive"}};
  run.deals[1].final_state = "StorageDealActive";
  run.deals[1].deal_id = 0;
  run.deals[1].sector = 3;
  run.deals[2].proposed = 11;
  run.deals[2].states = {{12, "StorageDealError"}};
  run.deals[2].final_state = "StorageDealError";
  run.deals[2].message = "deal rejected: <too small>";
  const std::string html = html_report(run);
  EXPECT_NE(html.find("<tr><td>1</td><td>10</td><td>StorageDealActive</td><td>0</td><td>3</td>"
                      "<td>StorageDealClientFunding@10 → StorageDealActive@40</td><td></td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr class=\"fail\"><td>2</td><td>11</td><td>StorageDealError</td><td></td><td></td>"
                      "<td>StorageDealError@12</td><td>deal rejected: &lt;too small&gt;</td></tr>"),
            std::string::npos);
  const auto j = run_summary_json(run);
  ASSERT_EQ(j["deals"].size(), 2U);
  EXPECT_EQ(j["deals"][0]["deal_id"], 0);
  EXPECT_EQ(j["deals"][1]["deal_id"], nullptr);
  EXPECT_EQ(j["deals"][1]["history"][0]["state"], "StorageDealError");
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
