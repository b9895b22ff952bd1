/* nfl-engine.h: the Netfilter Lab engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nfl-command-completion.h"
#include "nfl-commands.h"
#include "nfl-document.h"
#include "nfl-export-shell.h"
#include "nfl-layout.h"
#include "nfl-machine.h"
#include "nfl-format-error.h"
#include "nfl-iptables.h"
#include "nfl-iptables-save.h"
#include "nfl-packet.h"
#include "nfl-playback.h"
#include "nfl-probe.h"
#include "nfl-rule.h"
#include "nfl-rule-words.h"
#include "nfl-rule-shadow.h"
#include "nfl-ruleset.h"
#include "nfl-scenario.h"
#include "nfl-scenario-xml.h"
#include "nfl-simulator.h"
#include "nfl-trace.h"
#include "nfl-types.h"
