# -m physdev on a bridged connection a -> c: each option, negated, in PREROUTING, FORWARD, POSTROUTING
ip netns add sw
ip netns add a
ip netns add b
ip netns add c
ip netns exec sw sysctl -w net.ipv4.igmp_link_local_mcast_reports=0
ip link add vetha netns a type veth peer name porta netns sw
ip link add vethb netns b type veth peer name portb netns sw
ip link add vethc netns c type veth peer name portc netns sw
ip -n sw link add br0 type bridge
ip -n sw link set porta master br0
ip -n sw link set portb master br0
ip -n sw link set portc master br0
ip -n a link set lo up
ip -n b link set lo up
ip -n c link set lo up
ip -n sw link set lo up
ip -n sw link set porta up
ip -n sw link set portb up
ip -n sw link set portc up
ip -n sw link set br0 up
ip -n a link set vetha up
ip -n b link set vethb up
ip -n c link set vethc up
ip -n a addr add 10.0.0.1/24 dev vetha
ip -n b addr add 10.0.0.2/24 dev vethb
ip -n c addr add 10.0.0.3/24 dev vethc
ip netns add o
ip link add up_sw netns sw type veth peer name veth_o netns o
ip -n o link set lo up
ip -n sw link set up_sw up
ip -n o link set veth_o up
ip -n sw addr add 10.0.0.254/24 dev br0
ip -n sw addr add 10.9.0.1/24 dev up_sw
ip -n o addr add 10.9.0.2/24 dev veth_o
ip -n a route add default via 10.0.0.254
ip -n b route add default via 10.0.0.254
ip -n c route add default via 10.0.0.254
ip -n o route add 10.0.0.0/24 via 10.9.0.1
ip netns exec sw sysctl -w net.ipv4.ip_forward=1
ip netns exec sw iptables -t mangle -A PREROUTING -m physdev --physdev-in porta -j LOG --log-prefix "pre-in-a "
ip netns exec sw iptables -t mangle -A PREROUTING -m physdev --physdev-is-in -j LOG --log-prefix "pre-is-in "
ip netns exec sw iptables -t mangle -A PREROUTING -m physdev ! --physdev-is-in -j LOG --log-prefix "pre-not-is-in "
ip netns exec sw iptables -t mangle -A PREROUTING -m physdev --physdev-is-out -j LOG --log-prefix "pre-is-out "
ip netns exec sw iptables -A FORWARD -m physdev --physdev-is-bridged -j LOG --log-prefix "fw-bridged "
ip netns exec sw iptables -A FORWARD -m physdev ! --physdev-is-bridged -j LOG --log-prefix "fw-not-bridged "
ip netns exec sw iptables -A FORWARD -m physdev --physdev-out portc -j LOG --log-prefix "fw-out-c "
ip netns exec sw iptables -A FORWARD -m physdev ! --physdev-out portc -j LOG --log-prefix "fw-not-out-c "
ip netns exec sw iptables -A FORWARD -m physdev ! --physdev-in porta -j LOG --log-prefix "fw-not-in-a "
ip netns exec sw iptables -A FORWARD -m physdev --physdev-in port+ --physdev-is-out -j LOG --log-prefix "fw-in-port-is-out "
ip netns exec sw iptables -A FORWARD -m physdev ! --physdev-is-out -j LOG --log-prefix "fw-not-is-out "
ip netns exec sw iptables -t mangle -A POSTROUTING -m physdev --physdev-is-bridged --physdev-out portc -j LOG --log-prefix "post-bridged-c "
ip netns exec sw iptables -t mangle -A POSTROUTING -m physdev ! --physdev-in porta ! --physdev-is-bridged -j LOG --log-prefix "post-neither "
