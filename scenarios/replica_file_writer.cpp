// replica_file_writer.cpp: PreCommit2's sealed and cache files.
#include "scenarios/replica_file_writer.hpp"

#include <algorithm>

namespace sealsim::scenarios {

sealing::SectorCommitments ReplicaFileWriter::seal_pre_commit2(const sealing::ProofSectorRef& sector,
                                                              ByteSpan pc1_output) {
  const sealing::SectorCommitments commitments = backend_.seal_pre_commit2(sector, pc1_output);
  sealing::SectorFileContent* content = index_.content();
  const SealedReplica* sealed = backend_.sealed_replica(sector.id);
  if (content == nullptr || sealed == nullptr) return commitments;
  // PreCommit1 declared both files on the sealing path the task acquired.
  const auto sealed_path = index_.good_copy(sector.id, sealing::SectorFileType::Sealed);
  const auto cache_path = index_.good_copy(sector.id, sealing::SectorFileType::Cache);
  if (!sealed_path || !cache_path) {
    throw sealing::ProofBackendError("cpu SealPreCommit2: sector " + sector_file_name(sector.id) +
                                     " has no sealed or cache file to write");
  }
  Bytes replica(sealed->replica.size() * 32);
  for (std::size_t i = 0; i < sealed->replica.size(); ++i) {
    std::copy(sealed->replica[i].begin(), sealed->replica[i].end(), replica.begin() + static_cast<std::ptrdiff_t>(32 * i));
  }
  content->write(sealing::SectorFileKey{sector.id, sealing::SectorFileType::Sealed, *sealed_path}, 0, replica);
  Bytes p_aux(64);
  std::copy(sealed->comm_c.begin(), sealed->comm_c.end(), p_aux.begin());
  std::copy(sealed->comm_r_last.begin(), sealed->comm_r_last.end(), p_aux.begin() + 32);
  content->write(sealing::SectorFileKey{sector.id, sealing::SectorFileType::Cache, *cache_path}, 0, p_aux);
  return commitments;
}

}  // namespace sealsim::scenarios
