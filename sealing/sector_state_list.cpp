// sector_state_list.cpp: name lookups over the one state list.
#include "sealing/sector_state_list.hpp"

namespace sealsim::sealing {

std::optional<SectorState> state_from_name(std::string_view name) {
  for (const auto& info : kSectorStates) {
    if (info.name == name) {
      return info.state;
    }
  }
  return std::nullopt;
}

bool is_exist_sector_state(SectorState state) { return state != SectorState::Undefined; }

std::string_view handler_name(SectorHandler handler) {
  static constexpr std::string_view kNames[] = {
#define SEALSIM_HANDLER_NAME(name) #name,
      SEALSIM_SECTOR_HANDLERS(SEALSIM_HANDLER_NAME)
#undef SEALSIM_HANDLER_NAME
  };
  return kNames[static_cast<std::size_t>(handler)];
}

}  // namespace sealsim::sealing
