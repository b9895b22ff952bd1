# the same sysctls written before r's addresses: eth0 follows default.send_redirects=0 until its first address, so r sends no redirect
# Topology: one wire (the bridge br0 in sw, bridge-nf-call-iptables 0 so sw logs nothing) holds two subnets: a 10.0.0.10/24 (default via 10.0.0.1), b 10.0.1.20/24 (default via 10.0.1.1), r with 10.0.0.1/24 and 10.0.1.1/24 on its one interface eth0. r forwards between a and b out the interface the packets came in by.
ip netns add sw
ip netns add a
ip netns add b
ip netns add r
ip netns exec sw sysctl -w net.ipv4.igmp_link_local_mcast_reports=0
ip netns exec sw sysctl -w net.bridge.bridge-nf-call-iptables=0
ip link add eth0 netns a type veth peer name porta netns sw
ip link add eth0 netns b type veth peer name portb netns sw
ip link add eth0 netns r type veth peer name portr netns sw
ip -n sw link add br0 type bridge
ip -n sw link set porta master br0
ip -n sw link set portb master br0
ip -n sw link set portr master br0
ip -n sw link set lo up
ip -n a link set lo up
ip -n b link set lo up
ip -n r link set lo up
ip -n sw link set porta up
ip -n sw link set portb up
ip -n sw link set portr up
ip -n sw link set br0 up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set eth0 up
ip -n a addr add 10.0.0.10/24 dev eth0
ip -n b addr add 10.0.1.20/24 dev eth0
ip netns exec r sysctl -w net.ipv4.conf.all.send_redirects=0
ip netns exec r sysctl -w net.ipv4.conf.default.send_redirects=0
ip -n r addr add 10.0.0.1/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth0
ip -n a route add default via 10.0.0.1
ip -n b route add default via 10.0.1.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
