# The tutorial's topology with every table and chain logged
# The tutorial's log_iptables_ns function run for ns1, ns2 and ns3: each
# built-in chain of each table gets a LOG rule whose prefix names the
# namespace, the table and the chain, so a ping leaves its whole path in
# the kernel log.  The kernel keeps 29 characters of a prefix, so the
# longest ones are cut, exactly as iptables does.

# (regenerate.sh puts the commands of tutorial-topology.sh here)
# log_iptables_ns ns1, ns2 and ns3: one LOG rule in every table and chain
sudo ip netns exec ns1 iptables -t filter -F
sudo ip netns exec ns1 iptables -t nat -F
sudo ip netns exec ns1 iptables -t mangle -F
sudo ip netns exec ns1 iptables -t raw -F
sudo ip netns exec ns1 iptables -t filter -A INPUT -j LOG --log-prefix "IPTABLES_ns1_FILTER_INPUT "
sudo ip netns exec ns1 iptables -t filter -A FORWARD -j LOG --log-prefix "IPTABLES_ns1_FILTER_FORWARD "
sudo ip netns exec ns1 iptables -t filter -A OUTPUT -j LOG --log-prefix "IPTABLES_ns1_FILTER_OUTPUT "
sudo ip netns exec ns1 iptables -t nat -A PREROUTING -j LOG --log-prefix "IPTABLES_ns1_NAT_PREROUTE "
sudo ip netns exec ns1 iptables -t nat -A INPUT -j LOG --log-prefix "IPTABLES_ns1_NAT_INPUT "
sudo ip netns exec ns1 iptables -t nat -A OUTPUT -j LOG --log-prefix "IPTABLES_ns1_NAT_OUTPUT "
sudo ip netns exec ns1 iptables -t nat -A POSTROUTING -j LOG --log-prefix "IPTABLES_ns1_NAT_POSTROUTING "
sudo ip netns exec ns1 iptables -t mangle -A PREROUTING -j LOG --log-prefix "IPTABLES_ns1_MANGLE_PREROUTING "
sudo ip netns exec ns1 iptables -t mangle -A INPUT -j LOG --log-prefix "IPTABLES_ns1_MANGLE_INPUT "
sudo ip netns exec ns1 iptables -t mangle -A FORWARD -j LOG --log-prefix "IPTABLES_ns1_MANGLE_FORWARD "
sudo ip netns exec ns1 iptables -t mangle -A OUTPUT -j LOG --log-prefix "IPTABLES_ns1_MANGLE_OUTPUT "
sudo ip netns exec ns1 iptables -t mangle -A POSTROUTING -j LOG --log-prefix "IPTABLES_ns1_MANGLE_POSTROUTING "
sudo ip netns exec ns1 iptables -t raw -A PREROUTING -j LOG --log-prefix "IPTABLES_ns1_RAW_PREROUTING "
sudo ip netns exec ns1 iptables -t raw -A OUTPUT -j LOG --log-prefix "IPTABLES_ns1_RAW_OUTPUT "
sudo ip netns exec ns2 iptables -t filter -F
sudo ip netns exec ns2 iptables -t nat -F
sudo ip netns exec ns2 iptables -t mangle -F
sudo ip netns exec ns2 iptables -t raw -F
sudo ip netns exec ns2 iptables -t filter -A INPUT -j LOG --log-prefix "IPTABLES_ns2_FILTER_INPUT "
sudo ip netns exec ns2 iptables -t filter -A FORWARD -j LOG --log-prefix "IPTABLES_ns2_FILTER_FORWARD "
sudo ip netns exec ns2 iptables -t filter -A OUTPUT -j LOG --log-prefix "IPTABLES_ns2_FILTER_OUTPUT "
sudo ip netns exec ns2 iptables -t nat -A PREROUTING -j LOG --log-prefix "IPTABLES_ns2_NAT_PREROUTE "
sudo ip netns exec ns2 iptables -t nat -A INPUT -j LOG --log-prefix "IPTABLES_ns2_NAT_INPUT "
sudo ip netns exec ns2 iptables -t nat -A OUTPUT -j LOG --log-prefix "IPTABLES_ns2_NAT_OUTPUT "
sudo ip netns exec ns2 iptables -t nat -A POSTROUTING -j LOG --log-prefix "IPTABLES_ns2_NAT_POSTROUTING "
sudo ip netns exec ns2 iptables -t mangle -A PREROUTING -j LOG --log-prefix "IPTABLES_ns2_MANGLE_PREROUTING "
sudo ip netns exec ns2 iptables -t mangle -A INPUT -j LOG --log-prefix "IPTABLES_ns2_MANGLE_INPUT "
sudo ip netns exec ns2 iptables -t mangle -A FORWARD -j LOG --log-prefix "IPTABLES_ns2_MANGLE_FORWARD "
sudo ip netns exec ns2 iptables -t mangle -A OUTPUT -j LOG --log-prefix "IPTABLES_ns2_MANGLE_OUTPUT "
sudo ip netns exec ns2 iptables -t mangle -A POSTROUTING -j LOG --log-prefix "IPTABLES_ns2_MANGLE_POSTROUTING "
sudo ip netns exec ns2 iptables -t raw -A PREROUTING -j LOG --log-prefix "IPTABLES_ns2_RAW_PREROUTING "
sudo ip netns exec ns2 iptables -t raw -A OUTPUT -j LOG --log-prefix "IPTABLES_ns2_RAW_OUTPUT "
sudo ip netns exec ns3 iptables -t filter -F
sudo ip netns exec ns3 iptables -t nat -F
sudo ip netns exec ns3 iptables -t mangle -F
sudo ip netns exec ns3 iptables -t raw -F
sudo ip netns exec ns3 iptables -t filter -A INPUT -j LOG --log-prefix "IPTABLES_ns3_FILTER_INPUT "
sudo ip netns exec ns3 iptables -t filter -A FORWARD -j LOG --log-prefix "IPTABLES_ns3_FILTER_FORWARD "
sudo ip netns exec ns3 iptables -t filter -A OUTPUT -j LOG --log-prefix "IPTABLES_ns3_FILTER_OUTPUT "
sudo ip netns exec ns3 iptables -t nat -A PREROUTING -j LOG --log-prefix "IPTABLES_ns3_NAT_PREROUTE "
sudo ip netns exec ns3 iptables -t nat -A INPUT -j LOG --log-prefix "IPTABLES_ns3_NAT_INPUT "
sudo ip netns exec ns3 iptables -t nat -A OUTPUT -j LOG --log-prefix "IPTABLES_ns3_NAT_OUTPUT "
sudo ip netns exec ns3 iptables -t nat -A POSTROUTING -j LOG --log-prefix "IPTABLES_ns3_NAT_POSTROUTING "
sudo ip netns exec ns3 iptables -t mangle -A PREROUTING -j LOG --log-prefix "IPTABLES_ns3_MANGLE_PREROUTING "
sudo ip netns exec ns3 iptables -t mangle -A INPUT -j LOG --log-prefix "IPTABLES_ns3_MANGLE_INPUT "
sudo ip netns exec ns3 iptables -t mangle -A FORWARD -j LOG --log-prefix "IPTABLES_ns3_MANGLE_FORWARD "
sudo ip netns exec ns3 iptables -t mangle -A OUTPUT -j LOG --log-prefix "IPTABLES_ns3_MANGLE_OUTPUT "
sudo ip netns exec ns3 iptables -t mangle -A POSTROUTING -j LOG --log-prefix "IPTABLES_ns3_MANGLE_POSTROUTING "
sudo ip netns exec ns3 iptables -t raw -A PREROUTING -j LOG --log-prefix "IPTABLES_ns3_RAW_PREROUTING "
sudo ip netns exec ns3 iptables -t raw -A OUTPUT -j LOG --log-prefix "IPTABLES_ns3_RAW_OUTPUT "
