// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Named spdlog loggers, one per component ("engine", "probe.host", "image",
// "bench", "cli", "gui"), all writing to one shared set of sinks.
//
// Level policy:
//   error  an operation the user asked for failed (report not written, ...)
//   warn   a probe could not learn something it normally can (→ unknown fact)
//   info   one line per probe/step with its outcome; what a helpdesk wants
//   debug  each OS file/API read and its result
//   trace  raw data (descriptor bytes, table dumps)
// The log file always gets debug and above; the terminal gets warn and above,
// or debug with --verbose.
#include <filesystem>
#include <memory>
#include <spdlog/logger.h>
#include <spdlog/sinks/sink.h>
#include <string_view>

#include "core/result.hpp"

namespace vmstick::log {

struct Options {
  bool verbose{false};                 // debug on stderr
  bool quiet{false};                   // nothing on stderr (errors still go to the file)
  bool console{true};                  // the GUI turns the console off
  std::filesystem::path file;          // empty: no log file
};

// Sets up the shared sinks. Returns an error (and keeps logging to stderr) if
// the log file cannot be created.
Status init(const Options& options);

// The logger for a component, created on first use with the shared sinks.
std::shared_ptr<spdlog::logger> get(std::string_view component);

// Lets the GUI forward log lines to its log view without the core knowing Qt.
void add_sink(std::shared_ptr<spdlog::sinks::sink> sink);
void remove_sink(const std::shared_ptr<spdlog::sinks::sink>& sink);

// The file init() opened, if any.
std::filesystem::path current_file();

}  // namespace vmstick::log
