# -m length (the IP total length, a range) and -m ttl (--ttl-eq/-lt/-gt, ! --ttl-eq) on a forwarded ping: TTL 64 in PREROUTING, 63 in FORWARD (decremented); LEN 84.
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
ip netns exec ns2 iptables -t raw -A PREROUTING -m ttl --ttl-eq 64 -j LOG --log-prefix "pre-ttl64 "
ip netns exec ns2 iptables -t raw -A PREROUTING -m length --length 84 -j LOG --log-prefix "pre-len84 "
ip netns exec ns2 iptables -A FORWARD -m ttl --ttl-eq 63 -j LOG --log-prefix "ttl63 "
ip netns exec ns2 iptables -A FORWARD -m ttl --ttl-lt 64 -j LOG --log-prefix "ttl-lt64 "
ip netns exec ns2 iptables -A FORWARD -m ttl --ttl-gt 63 -j LOG --log-prefix "ttl-gt63 "
ip netns exec ns2 iptables -A FORWARD -m ttl ! --ttl-eq 64 -j LOG --log-prefix "ttl-ne64 "
ip netns exec ns2 iptables -A FORWARD -m length --length 60:100 -j LOG --log-prefix "len60-100 "
ip netns exec ns2 iptables -A FORWARD -m length ! --length 0:83 -j LOG --log-prefix "len-not-0-83 "
ip netns exec ns2 iptables -A FORWARD -m length --length 100: -j LOG --log-prefix "len100- "
ip netns exec ns2 iptables -A FORWARD -m length --length 100:60 -j LOG --log-prefix "len-never "
ip netns exec ns1 iptables -A OUTPUT -m length --length :84 -m ttl --ttl-eq 64 -j LOG --log-prefix "out "
