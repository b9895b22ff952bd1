# -m recent in a router: --set of the request's source, --rcheck by source and by destination (--rdest), --hitcount, --seconds and --reap at one moment, --rttl with the TTL before forwarding (PREROUTING's 64 is FORWARD's 63+1), --mask, ! --rcheck of an empty list, --remove; lists per name
# Topology: ns1 (10.1.0.10/24) -- ns2 router (10.1.0.1/24 | 10.2.0.1/24) -- ns3 (10.2.0.10/24)
ip netns add ns1
ip netns add ns2
ip netns add ns3
ip link add veth1_ns1 netns ns1 type veth peer name veth1_ns2 netns ns2
ip link add veth2_ns2 netns ns2 type veth peer name veth2_ns3 netns ns3
ip -n ns1 link set lo up
ip -n ns2 link set lo up
ip -n ns3 link set lo up
ip -n ns1 link set veth1_ns1 up
ip -n ns2 link set veth1_ns2 up
ip -n ns2 link set veth2_ns2 up
ip -n ns3 link set veth2_ns3 up
ip -n ns1 addr add 10.1.0.10/24 dev veth1_ns1
ip -n ns2 addr add 10.1.0.1/24 dev veth1_ns2
ip -n ns2 addr add 10.2.0.1/24 dev veth2_ns2
ip -n ns3 addr add 10.2.0.10/24 dev veth2_ns3
ip -n ns1 route add default via 10.1.0.1
ip -n ns3 route add default via 10.2.0.1
ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1
ip netns exec ns2 iptables -t mangle -A PREROUTING -p icmp --icmp-type echo-request -m recent --set --name PRE
ip netns exec ns2 iptables -A FORWARD -p icmp --icmp-type echo-request -m recent --set --name PING
ip netns exec ns2 iptables -A FORWARD -p icmp --icmp-type echo-request -m recent --set --name NET --mask 255.255.255.0
ip netns exec ns2 iptables -A FORWARD -m recent --rcheck --name PING -j LOG --log-prefix "FWD-rcheck "
ip netns exec ns2 iptables -A FORWARD -m recent --rcheck --rttl --name PRE -j LOG --log-prefix "FWD-rttl-pre "
ip netns exec ns2 iptables -A FORWARD -m recent --update --hitcount 2 --name PING --rdest -j LOG --log-prefix "FWD-upd2-dst "
ip netns exec ns2 iptables -A FORWARD -m recent --rcheck --hitcount 1 --seconds 60 --reap --name PING -j LOG --log-prefix "FWD-hit1 "
ip netns exec ns2 iptables -A FORWARD -m recent ! --rcheck --name OTHER -j LOG --log-prefix "FWD-not-other "
ip netns exec ns2 iptables -A FORWARD -m recent --rcheck --rdest --name NET -j LOG --log-prefix "FWD-net-dst "
ip netns exec ns2 iptables -A FORWARD -m recent --rcheck --rdest --name PING -j LOG --log-prefix "FWD-rcheck-dst "
ip netns exec ns2 iptables -A FORWARD -p icmp --icmp-type echo-reply -m recent --remove --rdest --name PING -j LOG --log-prefix "FWD-removed "
ip netns exec ns2 iptables -A FORWARD -m recent --rcheck --rdest --name PING -j LOG --log-prefix "FWD-after-remove "
