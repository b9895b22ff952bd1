# -m recent as ufw limits ssh: every packet to port 22 is --set, --update --hitcount 2 matches from the second one on (the handshake ACK) and adds a hit, --rcheck --hitcount 3 then drops it; the SYN-ACK's source is in no list
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
ip netns exec ns2 iptables -A FORWARD -p tcp --dport 22 -m recent --set --name SSH --rsource
ip netns exec ns2 iptables -A FORWARD -p tcp --dport 22 -m recent --update --seconds 30 --hitcount 2 --name SSH --rsource -j LOG --log-prefix "FWD-upd2 "
ip netns exec ns2 iptables -A FORWARD -m recent --rcheck --seconds 30 --hitcount 3 --name SSH -j DROP
ip netns exec ns2 iptables -A FORWARD -m recent --rcheck --name SSH -j LOG --log-prefix "FWD-ssh-listed "
