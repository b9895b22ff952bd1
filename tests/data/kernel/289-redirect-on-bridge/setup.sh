# a redirect on a bridge: the docker host routes 10.50.0.0/24 via web (172.17.0.3) on docker0; c1 pings 10.50.0.1 by its default route, the host routes it back out docker0, the interface it came in by, and sends c1 an ICMP redirect (gateway 172.17.0.3) first; c1 keeps its route; web, which does not forward, drops the echo request
# Topology (as tests/data/rulesets/docker-host/addresses.txt): docker with the bridge docker0 172.17.0.1/16 and the
# ports vethc1, vethweb; containers c1 (172.17.0.2/16) and web (172.17.0.3/16), default via 172.17.0.1;
# docker eth0 192.168.60.2/24 -- client 192.168.60.10/24 (a machine on the host's LAN)
ip netns add docker
ip netns add c1
ip netns add web
ip netns add client
ip netns exec docker sysctl -w net.ipv4.igmp_link_local_mcast_reports=0
ip -n docker link add docker0 type bridge
ip link add vethc1 netns docker type veth peer name eth0 netns c1
ip link add vethweb netns docker type veth peer name eth0 netns web
ip link add eth0 netns docker type veth peer name eth0 netns client
ip -n docker link set vethc1 master docker0
ip -n docker link set vethweb master docker0
ip -n docker link set lo up
ip -n c1 link set lo up
ip -n web link set lo up
ip -n client link set lo up
ip -n docker link set docker0 up
ip -n docker link set vethc1 up
ip -n docker link set vethweb up
ip -n docker link set eth0 up
ip -n c1 link set eth0 up
ip -n web link set eth0 up
ip -n client link set eth0 up
ip -n docker addr add 172.17.0.1/16 dev docker0
ip -n docker addr add 192.168.60.2/24 dev eth0
ip -n c1 addr add 172.17.0.2/16 dev eth0
ip -n web addr add 172.17.0.3/16 dev eth0
ip -n client addr add 192.168.60.10/24 dev eth0
ip -n c1 route add default via 172.17.0.1
ip -n web route add default via 172.17.0.1
ip netns exec docker sysctl -w net.ipv4.ip_forward=1
# the docker-host ruleset (tests/data/rulesets/docker-host), as to-commands.py docker writes it
ip netns exec docker iptables -t filter -N DOCKER
ip netns exec docker iptables -t filter -N DOCKER-ISOLATION-STAGE-1
ip netns exec docker iptables -t filter -N DOCKER-ISOLATION-STAGE-2
ip netns exec docker iptables -t filter -N DOCKER-USER
ip netns exec docker iptables -t filter -A FORWARD -j DOCKER-USER
ip netns exec docker iptables -t filter -A FORWARD -j DOCKER-ISOLATION-STAGE-1
ip netns exec docker iptables -t filter -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec docker iptables -t filter -A FORWARD -o docker0 -j DOCKER
ip netns exec docker iptables -t filter -A FORWARD -i docker0 '!' -o docker0 -j ACCEPT
ip netns exec docker iptables -t filter -A FORWARD -i docker0 -o docker0 -j ACCEPT
ip netns exec docker iptables -t filter -A DOCKER -d 172.17.0.3/32 '!' -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
ip netns exec docker iptables -t filter -A DOCKER-ISOLATION-STAGE-1 -i docker0 '!' -o docker0 -j DOCKER-ISOLATION-STAGE-2
ip netns exec docker iptables -t filter -A DOCKER-ISOLATION-STAGE-1 -j RETURN
ip netns exec docker iptables -t filter -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
ip netns exec docker iptables -t filter -A DOCKER-ISOLATION-STAGE-2 -j RETURN
ip netns exec docker iptables -t filter -A DOCKER-USER -j RETURN
ip netns exec docker iptables -t filter -P FORWARD DROP
ip netns exec docker iptables -t nat -N DOCKER
ip netns exec docker iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
ip netns exec docker iptables -t nat -A OUTPUT '!' -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
ip netns exec docker iptables -t nat -A POSTROUTING -s 172.17.0.0/16 '!' -o docker0 -j MASQUERADE
ip netns exec docker iptables -t nat -A POSTROUTING -s 172.17.0.3/32 -d 172.17.0.3/32 -p tcp -m tcp --dport 80 -j MASQUERADE
ip netns exec docker iptables -t nat -A DOCKER -i docker0 -j RETURN
ip netns exec docker iptables -t nat -A DOCKER '!' -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.3:80
ip -n docker route add 10.50.0.0/24 via 172.17.0.3
ip netns exec c1 iptables -A INPUT -p icmp --icmp-type redirect -j LOG --log-prefix "c1-redirect "
