// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/stop_signals.hpp"

#include <csignal>

namespace vmstick::cli {
namespace {

// CancelToken::cancel() is one relaxed store to a lock-free atomic, which is
// what a signal handler may safely do.
CancelToken* g_token = nullptr;

extern "C" void cancel_on_signal(int) {
  if (g_token != nullptr) g_token->cancel();
}

}  // namespace

StopSignalsCancel::StopSignalsCancel(CancelToken& token) {
  g_token = &token;
  std::signal(SIGINT, cancel_on_signal);
  std::signal(SIGTERM, cancel_on_signal);
}

StopSignalsCancel::~StopSignalsCancel() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  g_token = nullptr;
}

}  // namespace vmstick::cli
