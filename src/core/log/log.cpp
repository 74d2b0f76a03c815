// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/log/log.hpp"

#include <mutex>
#include <spdlog/sinks/dist_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <string>

namespace vmstick::log {
namespace {

// Every logger writes here; sinks are added and removed on this one object so
// loggers created before init() or before the GUI attaches still reach them.
std::shared_ptr<spdlog::sinks::dist_sink_mt>& shared_sink() {
  static auto sink = [] {
    auto s = std::make_shared<spdlog::sinks::dist_sink_mt>();
    s->set_level(spdlog::level::trace);
    return s;
  }();
  return sink;
}

std::mutex g_mutex;
std::shared_ptr<spdlog::sinks::sink> g_console;
std::shared_ptr<spdlog::sinks::sink> g_file;
std::filesystem::path g_file_path;

}  // namespace

std::shared_ptr<spdlog::logger> get(std::string_view component) {
  std::string name(component);
  if (auto existing = spdlog::get(name)) return existing;
  std::lock_guard lock(g_mutex);
  if (auto existing = spdlog::get(name)) return existing;
  auto logger = std::make_shared<spdlog::logger>(name, shared_sink());
  logger->set_level(spdlog::level::debug);
  logger->flush_on(spdlog::level::warn);
  spdlog::register_logger(logger);
  return logger;
}

Status init(const Options& options) {
  std::lock_guard lock(g_mutex);
  auto& dist = shared_sink();
  if (g_console) dist->remove_sink(g_console);
  if (g_file) dist->remove_sink(g_file);
  g_console.reset();
  g_file.reset();
  g_file_path.clear();

  if (options.console && !options.quiet) {
    g_console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    g_console->set_level(options.verbose ? spdlog::level::debug : spdlog::level::warn);
    g_console->set_pattern("%^vmstick: %l: [%n] %v%$");
    dist->add_sink(g_console);
  }
  if (options.file.empty()) return Ok{};

  std::error_code ec;
  std::filesystem::create_directories(options.file.parent_path(), ec);
  try {
    // Three files of 2 MiB: enough for many runs, small enough to attach to a ticket.
    g_file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(options.file.string(), 2u << 20, 3);
  } catch (const spdlog::spdlog_ex& e) {
    return make_error(ErrorCode::Io, std::string("cannot open the log file: ") + e.what(), options.file.string());
  }
  g_file->set_level(spdlog::level::debug);
  g_file->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l [%n] %v");
  dist->add_sink(g_file);
  g_file_path = options.file;
  return Ok{};
}

void add_sink(std::shared_ptr<spdlog::sinks::sink> sink) { shared_sink()->add_sink(std::move(sink)); }

void remove_sink(const std::shared_ptr<spdlog::sinks::sink>& sink) { shared_sink()->remove_sink(sink); }

std::filesystem::path current_file() {
  std::lock_guard lock(g_mutex);
  return g_file_path;
}

}  // namespace vmstick::log
