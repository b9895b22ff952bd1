# tutorial style with `sudo` and `ip -n`: one namespace, a TCP connect to 127.0.0.1
# through lo, accepted by a listener bound to 127.0.0.1. The conntrack match in nat OUTPUT turns
# conntrack on in ns1, so the nat chains see the NEW SYN (and only it).
sudo ip netns add ns1
sudo ip -n ns1 link set lo up
sudo ip netns exec ns1 iptables -t nat -A OUTPUT -p tcp --dport 9090 -m conntrack --ctstate NEW -j ACCEPT
sudo sysctl -w net.netfilter.nf_log_all_netns=1
