// storage_ask.hpp: the provider's stored ask (go-fil-markets storedask), with its defaults
// (market-fsm §3.1).
#pragma once

#include "model/piece_size.hpp"
#include "model/token_amount.hpp"

namespace sealsim::market {

struct StorageAsk {
  TokenAmount price{500'000'000};          // attoFIL per GiB per epoch
  TokenAmount verified_price{50'000'000};
  PaddedPieceSize min_piece_size{256};
  PaddedPieceSize max_piece_size{1 << 20};
};

}  // namespace sealsim::market
