// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The speed-test engine. Runs a Plan on a folder of the target drive through
// a BenchIo, on the calling thread plus one worker thread per queued request.
// Never call it on a GUI thread: it blocks for up to the plan's time budget.
#include <filesystem>

#include "core/bench/bench_io.hpp"
#include "core/bench/bench_plan.hpp"
#include "core/bench/bench_result.hpp"
#include "core/cancel.hpp"

namespace vmstick::bench {

// Order of work:
//  1. remove workspaces of earlier runs that were killed (clean_litter);
//  2. check free space (file + margin);
//  3. create the workspace and the test file;
//  4. sustained write (fills the file, looks for the cache cliff);
//  5. the plan's phases, each repeated `runs` times;
//  6. remove the workspace — also on error and on cancel.
// Errors: InvalidArgument (not a folder), NotFound, PermissionDenied
// (read-only or not ours), Io (full, vanished, failed request), Cancelled.
// Cancellation is polled before every request.
Result<BenchResult> run_bench(BenchIo& io, const std::filesystem::path& target, const Plan& plan,
                              const CancelToken& cancel, const ProgressFn& progress = {});

}  // namespace vmstick::bench
