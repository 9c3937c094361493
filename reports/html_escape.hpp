// html_escape.hpp: text made safe for HTML and SVG element content and attribute values.
#pragma once

#include <string>

namespace sealsim::reports {

std::string html_escape(const std::string& text);

}  // namespace sealsim::reports
