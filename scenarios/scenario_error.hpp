// scenario_error.hpp: bad scenario input: names the file, the line and column, the JSON path and
// what was expected. The CLI maps it to exit status 2.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace sealsim::scenarios {

struct ScenarioProblem {
  std::size_t line = 0;  // 0 when the problem is not inside the text (unreadable file)
  std::size_t column = 0;
  std::string json_path;  // JSON pointer, "" for the root
  std::string message;
};

class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(std::string file, std::vector<ScenarioProblem> problems);
  const std::string& file() const { return file_; }
  const std::vector<ScenarioProblem>& problems() const { return problems_; }

 private:
  std::string file_;
  std::vector<ScenarioProblem> problems_;
};

// "FILE:LINE:COLUMN: at /json/path: message", one line per problem.
std::string format_problems(const std::string& file, const std::vector<ScenarioProblem>& problems);

}  // namespace sealsim::scenarios
