# -m owner on a TCP handshake: the client's socket for the SYN and the ACK, the listener's for the SYN-ACK (both uid 0)
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
ip netns exec ns1 iptables -t filter -A OUTPUT -m owner --uid-owner 0 -j LOG --log-prefix "o1-uid0 "
ip netns exec ns1 iptables -t filter -A OUTPUT -m owner ! --uid-owner 0 -j LOG --log-prefix "o1-not-uid0 "
ip netns exec ns1 iptables -t filter -A OUTPUT -m owner --uid-owner 1-100 -j LOG --log-prefix "o1-uid1-100 "
ip netns exec ns1 iptables -t filter -A OUTPUT -m owner --socket-exists -j LOG --log-prefix "o1-sock "
ip netns exec ns1 iptables -t filter -A OUTPUT -m owner ! --socket-exists -j LOG --log-prefix "o1-no-sock "
ip netns exec ns1 iptables -t filter -A OUTPUT -m owner --gid-owner 0 --suppl-groups -j LOG --log-prefix "o1-gid0 "
ip netns exec ns1 iptables -t filter -A OUTPUT -m owner ! --gid-owner 0 -j LOG --log-prefix "o1-not-gid0 "
ip netns exec ns1 iptables -t filter -A OUTPUT -m owner --socket-exists ! --uid-owner 5 -j LOG --log-prefix "o1-sock-not5 "
ip netns exec ns3 iptables -t mangle -A POSTROUTING -m owner --uid-owner 0 -j LOG --log-prefix "o3-uid0 "
ip netns exec ns3 iptables -t mangle -A POSTROUTING -m owner ! --uid-owner 0 -j LOG --log-prefix "o3-not-uid0 "
ip netns exec ns3 iptables -t mangle -A POSTROUTING -m owner --uid-owner 1-100 -j LOG --log-prefix "o3-uid1-100 "
ip netns exec ns3 iptables -t mangle -A POSTROUTING -m owner --socket-exists -j LOG --log-prefix "o3-sock "
ip netns exec ns3 iptables -t mangle -A POSTROUTING -m owner ! --socket-exists -j LOG --log-prefix "o3-no-sock "
ip netns exec ns3 iptables -t mangle -A POSTROUTING -m owner --gid-owner 0 --suppl-groups -j LOG --log-prefix "o3-gid0 "
ip netns exec ns3 iptables -t mangle -A POSTROUTING -m owner ! --gid-owner 0 -j LOG --log-prefix "o3-not-gid0 "
ip netns exec ns3 iptables -t mangle -A POSTROUTING -m owner --socket-exists ! --uid-owner 5 -j LOG --log-prefix "o3-sock-not5 "
