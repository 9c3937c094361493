#include "model/sector_id.hpp"

namespace sealsim {

std::string sector_file_name(const SectorId& id) {
  return "s-t0" + std::to_string(id.miner) + "-" + std::to_string(id.number);
}

}  // namespace sealsim
