/* nfl-test-topology.h: the tutorial's three namespaces, for engine tests
 *
 * ns1 (10.1.0.10) -- ns2 router (10.1.0.1 | 10.2.0.1) -- ns3 (10.2.0.10),
 * joined by veth pairs, every interface up, /24 addresses (so each side
 * has its connected route).  The routes and forwarding come separately,
 * for the tests that need a scenario without them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define NFL_TEST_LINKS \
  "ip netns add ns1\n" \
  "ip netns add ns2\n" \
  "ip netns add ns3\n" \
  "ip link add veth1_ns1 netns ns1 type veth peer name veth1_ns2 netns ns2\n" \
  "ip link add veth2_ns2 netns ns2 type veth peer name veth2_ns3 netns ns3\n" \
  "ip netns exec ns1 ip link set lo up\n" \
  "ip netns exec ns2 ip link set lo up\n" \
  "ip netns exec ns3 ip link set lo up\n" \
  "ip netns exec ns1 ip link set veth1_ns1 up\n" \
  "ip netns exec ns2 ip link set veth1_ns2 up\n" \
  "ip netns exec ns2 ip link set veth2_ns2 up\n" \
  "ip netns exec ns3 ip link set veth2_ns3 up\n" \
  "ip netns exec ns1 ip addr add 10.1.0.10/24 dev veth1_ns1\n" \
  "ip netns exec ns2 ip addr add 10.1.0.1/24 dev veth1_ns2\n" \
  "ip netns exec ns2 ip addr add 10.2.0.1/24 dev veth2_ns2\n" \
  "ip netns exec ns3 ip addr add 10.2.0.10/24 dev veth2_ns3\n"

/* the hosts' default routes through ns2 */
#define NFL_TEST_ROUTES \
  "ip netns exec ns1 ip route add default via 10.1.0.1\n" \
  "ip netns exec ns3 ip route add default via 10.2.0.1\n"

#define NFL_TEST_FORWARDING \
  "ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1\n"
