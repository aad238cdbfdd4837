// The whole kernel API in one include.
#pragma once
#include "tern/config.hpp"
#include "tern/print.hpp"
#include "tern/result.hpp"
#include "tern/task.hpp"
#include "tern/time.hpp"
#include "tern/fault.hpp"
