// deal_market.cpp: the deals side of a scenario run (see the header).
#include "scenarios/deal_market.hpp"

#include <fstream>
#include <iterator>
#include <utility>

#include "chain-mock/chain_error.hpp"
#include "model/deterministic_rng.hpp"
#include "model/model_error.hpp"
#include "scenarios/market_chain_adapter.hpp"
#include "sealing/deal_input/market_input_adapter.hpp"
#include "sealing/market/data_transfer.hpp"
#include "sealing/market/deal_connections.hpp"
#include "sealing/market/deal_publisher.hpp"
#include "sealing/market/deal_store.hpp"
#include "sealing/market/file_store.hpp"
#include "sealing/market/on_deal_complete.hpp"
#include "sealing/market/piece_committer.hpp"
#include "sealing/market/piece_store.hpp"
#include "sealing/market/provider_deals.hpp"
#include "sealing/market/staging_store.hpp"
#include "sealing/market/storage_client.hpp"

namespace sealsim::scenarios {

namespace {

// The deal streams of the provider: the client reads nothing back (its own state machine is not
// modelled), so the responses are only kept.
class ClientDealStreams final : public market::DealConnections {
 public:
  void tag_peer(const std::string&, const std::string&) override {}
  void untag_peer(const std::string&, const std::string&) override {}
  sealing::Result<sealing::Unit> send_signed_response(const std::string& proposal_cid,
                                                      const market::SignedResponse& response) override {
    responses_[proposal_cid].push_back(response);
    return sealing::Result<sealing::Unit>::ok({});
  }
  sealing::Result<sealing::Unit> disconnect(const std::string&) override { return sealing::Result<sealing::Unit>::ok({}); }

 private:
  std::map<std::string, std::vector<market::SignedResponse>> responses_;
};

// The retrieval piece store: where each handed-off deal's piece is.
class RetrievalPieceStore final : public market::PieceStore {
 public:
  sealing::Result<sealing::Unit> add_piece_block_locations(const std::string& piece_cid,
                                                           const std::vector<std::string>& locations) override {
    auto& known = locations_[piece_cid];
    known.insert(known.end(), locations.begin(), locations.end());
    return sealing::Result<sealing::Unit>::ok({});
  }
  sealing::Result<sealing::Unit> add_deal_for_piece(const std::string& piece_cid,
                                                    const market::PieceDealRecord& record) override {
    deals_[piece_cid].push_back(record);
    return sealing::Result<sealing::Unit>::ok({});
  }

 private:
  std::map<std::string, std::vector<std::string>> locations_;
  std::map<std::string, std::vector<market::PieceDealRecord>> deals_;
};

constexpr std::size_t kTransferChunkBytes = std::size_t{1} << 16;
constexpr sealing::SimSeconds kTransferChunkInterval = 1;
constexpr const char* kClientPeer = "client-peer";
constexpr const char* kMinerPeer = "miner-peer";

bool is_failure(market::DealStatus s) {
  return s == market::DealStatus::Rejecting || s == market::DealStatus::Failing || s == market::DealStatus::Error;
}

}  // namespace

struct DealMarket::World {
  World(const Scenario& s, std::uint64_t seed, sealing::Clock& c, ChainAdapter& ch, sealing::DealPayloads& p)
      : scenario(s), rng(DeterministicRng(seed).fork("deals")), clock(c), chain(ch), payloads(p) {}

  struct ClientDeal {
    DealEvent event;
    market::PreparedDeal prepared;
    Bytes payload;
    bool proposed = false;
    std::string status;  // last status name reported
    bool published = false;
  };

  const Scenario& scenario;
  DeterministicRng rng;
  sealing::Clock& clock;
  ChainAdapter& chain;
  sealing::DealPayloads& payloads;
  chain::Address client{};
  market::MemoryDealStore store;
  market::MemoryFileStore files;
  market::MemoryStagingStore staging;
  RetrievalPieceStore pieces;
  market::ModelPieceCommitter committer;
  std::map<std::uint64_t, ClientDeal> deals;
  std::uint64_t next_number = 1;
  std::map<ActorId, std::uint64_t> data_caps;
  FundReservations reservations;  // the provider's FundManager state (persisted in Lotus)
  std::vector<DealChange> client_changes;
  std::shared_ptr<bool> alive = std::make_shared<bool>(true);
};

struct DealMarket::Process {
  Process(World& w, sealing::SealingNode& node)
      : adapter(w.chain, w.clock,
                MarketChainOptions{w.scenario.fees.max_publish_deals_fee, w.scenario.fees.max_market_balance_add_fee,
                                   w.scenario.market.max_provider_collateral_multiplier},
                w.reservations),
        publisher(w.scenario.market.publish, adapter, w.clock),
        input(node, w.payloads),
        handoff(input, w.clock),
        provider(environment(w), w.store, w.clock),
        transfers(provider, w.staging, w.clock) {
    for (const auto& [client, bytes] : w.data_caps) adapter.grant_data_cap(chain::Address{client}, bytes);
  }

  market::ProviderEnvironment environment(World& w) {
    market::ProviderEnvironment env;
    env.actor_address = w.chain.miner().to_string();
    env.miner_peer = kMinerPeer;
    env.node = &adapter;
    env.connections = &streams;
    env.publisher = &publisher;
    env.handoff = &handoff;
    env.files = &w.files;
    env.staging = &w.staging;
    env.pieces = &w.pieces;
    env.committer = &w.committer;
    env.decider = nullptr;  // no BasicDealFilter: every deal that validates is accepted (§3.2 step 1)
    env.ask = w.scenario.market.ask;
    return env;
  }

  MarketChainAdapter adapter;
  ClientDealStreams streams;
  market::DealPublisher publisher;
  sealing::MarketInputAdapter input;
  market::OnDealCompleteAdapter handoff;
  market::ProviderDeals provider;
  market::OnlineTransfers transfers;
  std::map<std::string, std::size_t> seen_history;  // per proposal CID, this process's transitions
  std::size_t seen_provider_findings = 0;
  std::size_t seen_handoff_findings = 0;
};

DealMarket::DealMarket(const Scenario& scenario, std::uint64_t seed, sealing::Clock& clock, ChainAdapter& chain,
                       sealing::DealPayloads& payloads)
    : world_(std::make_unique<World>(scenario, seed, clock, chain, payloads)) {
  world_->client = chain.chain().create_account(scenario.market.client_balance);
}

DealMarket::~DealMarket() {
  *world_->alive = false;
  process_.reset();
}

void DealMarket::attach(sealing::SealingNode& node) {
  const bool restarted = !world_->store.list().empty();
  process_ = std::make_unique<Process>(*world_, node);
  if (restarted) process_->provider.restart_deals();
}

void DealMarket::detach() { process_.reset(); }

std::string DealMarket::propose(const DealEvent& event) {
  World& w = *world_;
  const std::uint64_t number = w.next_number++;
  World::ClientDeal deal;
  deal.event = event;
  if (event.payload) {
    std::ifstream in(*event.payload, std::ios::binary);
    if (!in) return "cannot read payload file " + event.payload->string();
    deal.payload.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (deal.payload.size() != event.size) {
      return "payload file " + event.payload->string() + " holds " + std::to_string(deal.payload.size()) +
             " bytes, the deal's size is " + std::to_string(event.size);
    }
  } else {
    deal.payload.resize(event.size);
    w.rng.fork("deal-" + std::to_string(number)).fill(deal.payload);
  }
  market::ClientDealParams params;
  params.client = w.client.to_string();
  params.provider = w.chain.miner().to_string();
  params.payload = deal.payload;
  const PaddedPieceSize piece = padded_size_for_payload(event.size).padded();
  if (event.provider_collateral) {
    params.provider_collateral = *event.provider_collateral;
  } else {
    // As a Lotus client does without an explicit collateral: the chain's minimum.
    try {
      params.provider_collateral = w.chain.chain().state_deal_provider_collateral_bounds(piece, event.verified).min;
    } catch (const chain::ChainError& e) {
      return std::string("deal provider collateral bounds: ") + e.what();
    }
  }
  params.price_per_epoch = event.price_per_epoch;
  params.start_epoch = event.start_epoch;
  params.end_epoch = event.start_epoch + event.duration;
  params.verified = event.verified;
  params.offline = !event.online;
  params.fast_retrieval = true;
  params.label = "deal-" + std::to_string(number);
  try {
    deal.prepared = market::prepare_deal(params);
  } catch (const ModelError& e) {
    return std::string("deal proposal: ") + e.what();
  }
  if (event.verified) {
    // chain-mock has no verified registry: a verified deal's client is granted its piece's data cap.
    w.data_caps[w.client.id] += piece.bytes();
    if (process_) process_->adapter.grant_data_cap(w.client, piece.bytes());
  }
  w.deals.emplace(number, std::move(deal));
  start_proposal(number);
  return {};
}

void DealMarket::client_failed(std::uint64_t number, const std::string& why) {
  World& w = *world_;
  World::ClientDeal& deal = w.deals.at(number);
  // The client's own FSM: a funding failure ends its deal in Failing → Error (market-fsm §7); the
  // provider never sees the proposal.
  w.client_changes.push_back(DealChange{number, "ClientEventReserveFundsFailed", deal.status,
                                        std::string(market::deal_status_name(market::DealStatus::Error)),
                                        "client: " + why, std::nullopt, std::nullopt, true});
  deal.status = std::string(market::deal_status_name(market::DealStatus::Error));
}

void DealMarket::start_proposal(std::uint64_t number) {
  World& w = *world_;
  World::ClientDeal& deal = w.deals.at(number);
  const std::weak_ptr<bool> alive = w.alive;
  auto propose_now = [this, number, alive] {
    if (const auto a = alive.lock(); !a || !*a || !process_) return;
    World& world = *world_;
    World::ClientDeal& d = world.deals.at(number);
    const market::ReceivedDeal received =
        process_->provider.receive_deal(d.prepared.proposal, d.prepared.ref, true, kClientPeer);
    d.proposed = true;
    const auto record = process_->provider.deal(received.proposal_cid);
    if (!record || record->state != market::DealStatus::WaitingForData) return;  // rejected
    if (d.event.online) {
      if (record->store_id) {
        process_->transfers.push(received.proposal_cid, *record->store_id, d.payload, kTransferChunkBytes,
                                 kTransferChunkInterval);
      }
    } else {
      // `lotus-miner storage-deals import-data`: the provider's operator imports the file.
      (void)process_->provider.import_data_for_deal(received.proposal_cid, d.payload);
    }
  };
  if (!deal.event.fund_escrow) {
    w.clock.schedule_at(w.clock.now(), propose_now);
    return;
  }
  // ReserveClientFunds → ClientFunding: AddBalance for the ClientBalanceRequirement, then the
  // proposal once the message is on chain with the deals layer's confidence (market-fsm §7).
  const TokenAmount requirement = deal.prepared.proposal.proposal.client_balance_requirement();
  if (requirement.is_zero()) {
    w.clock.schedule_at(w.clock.now(), propose_now);
    return;
  }
  const auto cid = w.chain.push_to_market(w.client, chain::method::kAddBalance, chain::AddBalanceParams{w.client},
                                          requirement, w.scenario.fees.max_market_balance_add_fee);
  if (!cid) {
    client_failed(number, "reserving funds: " + cid.error());
    return;
  }
  w.client_changes.push_back(DealChange{number, "ClientEventFundingInitiated", "",
                                        std::string(market::deal_status_name(market::DealStatus::ClientFunding)),
                                        "AddBalance " + cid->to_string() + " of " + requirement.to_string() + " attoFIL",
                                        std::nullopt, std::nullopt, false});
  deal.status = std::string(market::deal_status_name(market::DealStatus::ClientFunding));
  const chain::MessageCid message = *cid_to_message_cid(*cid);
  sealing::Clock& clock = w.clock;
  w.chain.chain().state_wait_msg(
      message, 2 * w.chain.chain().config().message_confidence,
      [this, alive, number, propose_now, &clock](const chain::WaitResult& r) {
        if (const auto a = alive.lock(); !a || !*a) return;
        if (!r.lookup) {
          clock.schedule_at(clock.now(), [this, alive, number, error = r.error] {
            if (const auto a2 = alive.lock(); a2 && *a2) client_failed(number, "AddFunds errored: " + error);
          });
        } else if (r.lookup->receipt.exit_code != chain::ExitCode::Ok) {
          clock.schedule_at(clock.now(), [this, alive, number, code = r.lookup->receipt.exit_code] {
            if (const auto a2 = alive.lock(); a2 && *a2) {
              client_failed(number, "AddFunds exit code: " + std::string(chain::exit_code_name(code)));
            }
          });
        } else {
          clock.schedule_at(clock.now(), propose_now);
        }
      });
}

MarketUpdate DealMarket::take_update() {
  World& w = *world_;
  MarketUpdate update;
  update.changes = std::exchange(w.client_changes, {});
  if (!process_) return update;
  Process& p = *process_;
  for (auto& [number, deal] : w.deals) {
    if (!deal.proposed) continue;
    const std::string& cid = deal.prepared.proposal_cid;
    const auto record = p.provider.deal(cid);
    if (!record) continue;
    const auto& history = p.provider.history(cid);
    std::size_t& seen = p.seen_history[cid];
    for (; seen < history.size(); ++seen) {
      const market::DealTransition& t = history[seen];
      DealChange change{number, t.event, deal.status, std::string(market::deal_status_name(t.status)), "",
                        std::nullopt, std::nullopt, false};
      if (t.status == market::DealStatus::Staged) deal.published = true;
      if (is_failure(t.status)) {
        change.details = record->message;
        change.failed = true;
      } else if (change.from == change.to) {
        // A just-record event (FundsReserved, FundsReleased, PieceStoreErrored): nothing new to say.
      } else if (t.status == market::DealStatus::Staged) {
        change.details = "deal id " + std::to_string(record->deal_id) + ", publish " + record->publish_cid;
      } else if (t.status == market::DealStatus::Publishing) {
        change.details = "publish " + record->publish_cid;
      } else if (t.status == market::DealStatus::ProviderFunding) {
        change.details = "AddBalance " + record->add_funds_cid;
      }
      if (deal.published) change.deal_id = record->deal_id;
      if (record->sector_number != 0) change.sector = record->sector_number;
      deal.status = change.to;
      update.changes.push_back(std::move(change));
    }
  }
  const auto& provider_findings = p.provider.findings();
  for (; p.seen_provider_findings < provider_findings.size(); ++p.seen_provider_findings) {
    const market::MarketFinding& f = provider_findings[p.seen_provider_findings];
    update.findings.push_back("market " + std::string(market::market_finding_kind_name(f.kind)) + ": " + f.message);
  }
  const auto& handoff_findings = p.handoff.findings();
  for (; p.seen_handoff_findings < handoff_findings.size(); ++p.seen_handoff_findings) {
    const market::MarketFinding& f = handoff_findings[p.seen_handoff_findings];
    update.findings.push_back("market " + std::string(market::market_finding_kind_name(f.kind)) + ": " + f.message);
  }
  return update;
}

}  // namespace sealsim::scenarios
