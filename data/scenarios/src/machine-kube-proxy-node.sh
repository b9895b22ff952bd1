# A Kubernetes node: kube-proxy's ClusterIP and NodePort Services
# The rules kube-proxy writes in iptables mode for the ClusterIP Service default/web (10.96.0.10:80 ->
# pod1 10.244.1.5:8080), a NodePort Service on 30080 and a Service of three endpoints
# (tests/data/rulesets/kube-proxy-node, written as kube-proxy's proxier writes them). node is the node
# (eth0 192.168.50.2), pod1 and pod2 pods on it, ext a machine outside the cluster. The saved probes ask:
# what happens to a pod's call to a ClusterIP (KUBE-SERVICES -> KUBE-SVC -> KUBE-SEP DNAT, no
# masquerade), and to a call from outside to the NodePort (KUBE-NODEPORTS, KUBE-MARK-MASQ, then
# KUBE-POSTROUTING masquerades it), and to a pod calling its own Service (DNATed to itself and
# masqueraded to the node's 10.244.1.1; the node also sends the pod an ICMP redirect, which nat OUTPUT
# drops because the connection is NATed). KUBE-POSTROUTING's MASQUERADE is written without --random-fully, as
# kube-proxy writes it where iptables lacks that option: with it the kernel picks a random source port,
# which a trace cannot show.

ip netns add node
ip netns add pod1
ip netns add pod2
ip netns add ext
ip link add veth_pod1 netns node type veth peer name eth0 netns pod1
ip link add veth_pod2 netns node type veth peer name eth0 netns pod2
ip link add eth0 netns node type veth peer name eth0 netns ext
ip -n node link set lo up
ip -n pod1 link set lo up
ip -n pod2 link set lo up
ip -n ext link set lo up
ip -n node link set veth_pod1 up
ip -n node link set veth_pod2 up
ip -n node link set eth0 up
ip -n pod1 link set eth0 up
ip -n pod2 link set eth0 up
ip -n ext link set eth0 up
ip -n node addr add 10.244.1.1/24 dev veth_pod1
ip -n node addr add 10.244.2.1/24 dev veth_pod2
ip -n node addr add 192.168.50.2/24 dev eth0
ip -n pod1 addr add 10.244.1.5/24 dev eth0
ip -n pod2 addr add 10.244.2.6/24 dev eth0
ip -n ext addr add 192.168.50.10/24 dev eth0
ip -n pod1 route add default via 10.244.1.1
ip -n pod2 route add default via 10.244.2.1
# the outside machine routes the Service range via the node
ip -n ext route add 10.96.0.0/12 via 192.168.50.2
ip netns exec node sysctl -w net.ipv4.ip_forward=1
ip netns exec node iptables -t mangle -N KUBE-KUBELET-CANARY
ip netns exec node iptables -t mangle -N KUBE-PROXY-CANARY
ip netns exec node iptables -t filter -N KUBE-EXTERNAL-SERVICES
ip netns exec node iptables -t filter -N KUBE-FIREWALL
ip netns exec node iptables -t filter -N KUBE-FORWARD
ip netns exec node iptables -t filter -N KUBE-KUBELET-CANARY
ip netns exec node iptables -t filter -N KUBE-NODEPORTS
ip netns exec node iptables -t filter -N KUBE-PROXY-CANARY
ip netns exec node iptables -t filter -N KUBE-PROXY-FIREWALL
ip netns exec node iptables -t filter -N KUBE-SERVICES
ip netns exec node iptables -t filter -A INPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node iptables -t filter -A INPUT -m comment --comment 'kubernetes health check service ports' -j KUBE-NODEPORTS
ip netns exec node iptables -t filter -A INPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes externally-visible service portals' -j KUBE-EXTERNAL-SERVICES
ip netns exec node iptables -t filter -A INPUT -j KUBE-FIREWALL
ip netns exec node iptables -t filter -A FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node iptables -t filter -A FORWARD -m comment --comment 'kubernetes forwarding rules' -j KUBE-FORWARD
ip netns exec node iptables -t filter -A FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node iptables -t filter -A FORWARD -m conntrack --ctstate NEW -m comment --comment 'kubernetes externally-visible service portals' -j KUBE-EXTERNAL-SERVICES
ip netns exec node iptables -t filter -A OUTPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes load balancer firewall' -j KUBE-PROXY-FIREWALL
ip netns exec node iptables -t filter -A OUTPUT -m conntrack --ctstate NEW -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node iptables -t filter -A OUTPUT -j KUBE-FIREWALL
ip netns exec node iptables -t filter -A KUBE-FIREWALL '!' -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment 'block incoming localnet connections' -m conntrack '!' --ctstate RELATED,ESTABLISHED,DNAT -j DROP
ip netns exec node iptables -t filter -A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
ip netns exec node iptables -t filter -A KUBE-FORWARD -m comment --comment 'kubernetes forwarding rules' -m mark --mark 0x4000/0x4000 -j ACCEPT
ip netns exec node iptables -t filter -A KUBE-FORWARD -m comment --comment 'kubernetes forwarding conntrack rule' -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec node iptables -t nat -N KUBE-EXT-BILYYKAKWI7RYELB
ip netns exec node iptables -t nat -N KUBE-KUBELET-CANARY
ip netns exec node iptables -t nat -N KUBE-MARK-MASQ
ip netns exec node iptables -t nat -N KUBE-NODEPORTS
ip netns exec node iptables -t nat -N KUBE-POSTROUTING
ip netns exec node iptables -t nat -N KUBE-PROXY-CANARY
ip netns exec node iptables -t nat -N KUBE-SEP-2YGD4OCX2HK2M3QT
ip netns exec node iptables -t nat -N KUBE-SEP-AFGSLHOD2HFNCBX4
ip netns exec node iptables -t nat -N KUBE-SEP-IAFP5EDEHNDTDEBK
ip netns exec node iptables -t nat -N KUBE-SEP-IQKHGSHOS3F6SLBB
ip netns exec node iptables -t nat -N KUBE-SEP-SN3TJWJR7GDOAHQC
ip netns exec node iptables -t nat -N KUBE-SERVICES
ip netns exec node iptables -t nat -N KUBE-SVC-BILYYKAKWI7RYELB
ip netns exec node iptables -t nat -N KUBE-SVC-CDGGSHYLG3RE2FKL
ip netns exec node iptables -t nat -N KUBE-SVC-NT4S3MKQS7ZEZNJA
ip netns exec node iptables -t nat -A PREROUTING -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node iptables -t nat -A OUTPUT -m comment --comment 'kubernetes service portals' -j KUBE-SERVICES
ip netns exec node iptables -t nat -A POSTROUTING -m comment --comment 'kubernetes postrouting rules' -j KUBE-POSTROUTING
ip netns exec node iptables -t nat -A KUBE-EXT-BILYYKAKWI7RYELB -m comment --comment 'masquerade traffic for default/shop:http external destinations' -j KUBE-MARK-MASQ
ip netns exec node iptables -t nat -A KUBE-EXT-BILYYKAKWI7RYELB -j KUBE-SVC-BILYYKAKWI7RYELB
ip netns exec node iptables -t nat -A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
ip netns exec node iptables -t nat -A KUBE-NODEPORTS -p tcp -m comment --comment default/shop:http -m tcp --dport 30080 -j KUBE-EXT-BILYYKAKWI7RYELB
ip netns exec node iptables -t nat -A KUBE-POSTROUTING -m mark '!' --mark 0x4000/0x4000 -j RETURN
ip netns exec node iptables -t nat -A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
ip netns exec node iptables -t nat -A KUBE-POSTROUTING -m comment --comment 'kubernetes service traffic requiring SNAT' -j MASQUERADE
ip netns exec node iptables -t nat -A KUBE-SEP-2YGD4OCX2HK2M3QT -s 10.244.3.12/32 -m comment --comment default/api:https -j KUBE-MARK-MASQ
ip netns exec node iptables -t nat -A KUBE-SEP-2YGD4OCX2HK2M3QT -p tcp -m comment --comment default/api:https -m tcp -j DNAT --to-destination 10.244.3.12:8443
ip netns exec node iptables -t nat -A KUBE-SEP-AFGSLHOD2HFNCBX4 -s 10.244.1.5/32 -m comment --comment default/web:http -j KUBE-MARK-MASQ
ip netns exec node iptables -t nat -A KUBE-SEP-AFGSLHOD2HFNCBX4 -p tcp -m comment --comment default/web:http -m tcp -j DNAT --to-destination 10.244.1.5:8080
ip netns exec node iptables -t nat -A KUBE-SEP-IAFP5EDEHNDTDEBK -s 10.244.1.10/32 -m comment --comment default/api:https -j KUBE-MARK-MASQ
ip netns exec node iptables -t nat -A KUBE-SEP-IAFP5EDEHNDTDEBK -p tcp -m comment --comment default/api:https -m tcp -j DNAT --to-destination 10.244.1.10:8443
ip netns exec node iptables -t nat -A KUBE-SEP-IQKHGSHOS3F6SLBB -s 10.244.2.6/32 -m comment --comment default/shop:http -j KUBE-MARK-MASQ
ip netns exec node iptables -t nat -A KUBE-SEP-IQKHGSHOS3F6SLBB -p tcp -m comment --comment default/shop:http -m tcp -j DNAT --to-destination 10.244.2.6:8080
ip netns exec node iptables -t nat -A KUBE-SEP-SN3TJWJR7GDOAHQC -s 10.244.2.11/32 -m comment --comment default/api:https -j KUBE-MARK-MASQ
ip netns exec node iptables -t nat -A KUBE-SEP-SN3TJWJR7GDOAHQC -p tcp -m comment --comment default/api:https -m tcp -j DNAT --to-destination 10.244.2.11:8443
ip netns exec node iptables -t nat -A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment 'default/web:http cluster IP' -m tcp --dport 80 -j KUBE-SVC-CDGGSHYLG3RE2FKL
ip netns exec node iptables -t nat -A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m comment --comment 'default/shop:http cluster IP' -m tcp --dport 80 -j KUBE-SVC-BILYYKAKWI7RYELB
ip netns exec node iptables -t nat -A KUBE-SERVICES -d 10.96.0.30/32 -p tcp -m comment --comment 'default/api:https cluster IP' -m tcp --dport 443 -j KUBE-SVC-NT4S3MKQS7ZEZNJA
ip netns exec node iptables -t nat -A KUBE-SERVICES -m comment --comment 'kubernetes service nodeports; NOTE: this must be the last rule in this chain' -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
ip netns exec node iptables -t nat -A KUBE-SVC-BILYYKAKWI7RYELB '!' -s 10.244.0.0/16 -d 10.96.0.20/32 -p tcp -m comment --comment 'default/shop:http cluster IP' -m tcp --dport 80 -j KUBE-MARK-MASQ
ip netns exec node iptables -t nat -A KUBE-SVC-BILYYKAKWI7RYELB -m comment --comment 'default/shop:http -> 10.244.2.6:8080' -j KUBE-SEP-IQKHGSHOS3F6SLBB
ip netns exec node iptables -t nat -A KUBE-SVC-CDGGSHYLG3RE2FKL '!' -s 10.244.0.0/16 -d 10.96.0.10/32 -p tcp -m comment --comment 'default/web:http cluster IP' -m tcp --dport 80 -j KUBE-MARK-MASQ
ip netns exec node iptables -t nat -A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment 'default/web:http -> 10.244.1.5:8080' -j KUBE-SEP-AFGSLHOD2HFNCBX4
ip netns exec node iptables -t nat -A KUBE-SVC-NT4S3MKQS7ZEZNJA '!' -s 10.244.0.0/16 -d 10.96.0.30/32 -p tcp -m comment --comment 'default/api:https cluster IP' -m tcp --dport 443 -j KUBE-MARK-MASQ
ip netns exec node iptables -t nat -A KUBE-SVC-NT4S3MKQS7ZEZNJA -m comment --comment 'default/api:https -> 10.244.1.10:8443' -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-IAFP5EDEHNDTDEBK
ip netns exec node iptables -t nat -A KUBE-SVC-NT4S3MKQS7ZEZNJA -m comment --comment 'default/api:https -> 10.244.2.11:8443' -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-SN3TJWJR7GDOAHQC
ip netns exec node iptables -t nat -A KUBE-SVC-NT4S3MKQS7ZEZNJA -m comment --comment 'default/api:https -> 10.244.3.12:8443' -j KUBE-SEP-2YGD4OCX2HK2M3QT
