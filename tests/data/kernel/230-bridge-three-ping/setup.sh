# three namespaces on one bridge: a pings c through br0 in sw (bridged, br_netfilter on)
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
