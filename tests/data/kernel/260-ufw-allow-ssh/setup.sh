# ufw allow 22/tcp: a new connection to port 22 goes INPUT -> ufw-before-input (not lo, not ESTABLISHED, not INVALID, not ICMP, ufw-not-local: addrtype LOCAL returns) -> ufw-user-input, whose first rule accepts it; the SYN-ACK leaves through ufw-before-output's ESTABLISHED rule.
# Topology: host (10.0.0.10/24, ufw's rules) -- peer (10.0.0.20/24), one veth pair, connected routes only
ip netns add host
ip netns add peer
ip link add eth0 netns host type veth peer name eth0 netns peer
ip -n host link set lo up
ip -n peer link set lo up
ip -n host link set eth0 up
ip -n peer link set eth0 up
ip -n host addr add 10.0.0.10/24 dev eth0
ip -n peer addr add 10.0.0.20/24 dev eth0
# the ufw-laptop ruleset (tests/data/rulesets/ufw-laptop), as to-commands.py host writes it
ip netns exec host iptables -t filter -N ufw-after-forward
ip netns exec host iptables -t filter -N ufw-after-input
ip netns exec host iptables -t filter -N ufw-after-logging-forward
ip netns exec host iptables -t filter -N ufw-after-logging-input
ip netns exec host iptables -t filter -N ufw-after-logging-output
ip netns exec host iptables -t filter -N ufw-after-output
ip netns exec host iptables -t filter -N ufw-before-forward
ip netns exec host iptables -t filter -N ufw-before-input
ip netns exec host iptables -t filter -N ufw-before-logging-forward
ip netns exec host iptables -t filter -N ufw-before-logging-input
ip netns exec host iptables -t filter -N ufw-before-logging-output
ip netns exec host iptables -t filter -N ufw-before-output
ip netns exec host iptables -t filter -N ufw-logging-allow
ip netns exec host iptables -t filter -N ufw-logging-deny
ip netns exec host iptables -t filter -N ufw-not-local
ip netns exec host iptables -t filter -N ufw-reject-forward
ip netns exec host iptables -t filter -N ufw-reject-input
ip netns exec host iptables -t filter -N ufw-reject-output
ip netns exec host iptables -t filter -N ufw-skip-to-policy-forward
ip netns exec host iptables -t filter -N ufw-skip-to-policy-input
ip netns exec host iptables -t filter -N ufw-skip-to-policy-output
ip netns exec host iptables -t filter -N ufw-track-forward
ip netns exec host iptables -t filter -N ufw-track-input
ip netns exec host iptables -t filter -N ufw-track-output
ip netns exec host iptables -t filter -N ufw-user-forward
ip netns exec host iptables -t filter -N ufw-user-input
ip netns exec host iptables -t filter -N ufw-user-limit
ip netns exec host iptables -t filter -N ufw-user-limit-accept
ip netns exec host iptables -t filter -N ufw-user-logging-forward
ip netns exec host iptables -t filter -N ufw-user-logging-input
ip netns exec host iptables -t filter -N ufw-user-logging-output
ip netns exec host iptables -t filter -N ufw-user-output
ip netns exec host iptables -t filter -A INPUT -j ufw-before-logging-input
ip netns exec host iptables -t filter -A INPUT -j ufw-before-input
ip netns exec host iptables -t filter -A INPUT -j ufw-after-input
ip netns exec host iptables -t filter -A INPUT -j ufw-after-logging-input
ip netns exec host iptables -t filter -A INPUT -j ufw-reject-input
ip netns exec host iptables -t filter -A INPUT -j ufw-track-input
ip netns exec host iptables -t filter -A FORWARD -j ufw-before-logging-forward
ip netns exec host iptables -t filter -A FORWARD -j ufw-before-forward
ip netns exec host iptables -t filter -A FORWARD -j ufw-after-forward
ip netns exec host iptables -t filter -A FORWARD -j ufw-after-logging-forward
ip netns exec host iptables -t filter -A FORWARD -j ufw-reject-forward
ip netns exec host iptables -t filter -A FORWARD -j ufw-track-forward
ip netns exec host iptables -t filter -A OUTPUT -j ufw-before-logging-output
ip netns exec host iptables -t filter -A OUTPUT -j ufw-before-output
ip netns exec host iptables -t filter -A OUTPUT -j ufw-after-output
ip netns exec host iptables -t filter -A OUTPUT -j ufw-after-logging-output
ip netns exec host iptables -t filter -A OUTPUT -j ufw-reject-output
ip netns exec host iptables -t filter -A OUTPUT -j ufw-track-output
ip netns exec host iptables -t filter -A ufw-after-input -p udp -m udp --dport 137 -j ufw-skip-to-policy-input
ip netns exec host iptables -t filter -A ufw-after-input -p udp -m udp --dport 138 -j ufw-skip-to-policy-input
ip netns exec host iptables -t filter -A ufw-after-input -p tcp -m tcp --dport 139 -j ufw-skip-to-policy-input
ip netns exec host iptables -t filter -A ufw-after-input -p tcp -m tcp --dport 445 -j ufw-skip-to-policy-input
ip netns exec host iptables -t filter -A ufw-after-input -p udp -m udp --dport 67 -j ufw-skip-to-policy-input
ip netns exec host iptables -t filter -A ufw-after-input -p udp -m udp --dport 68 -j ufw-skip-to-policy-input
ip netns exec host iptables -t filter -A ufw-after-input -m addrtype --dst-type BROADCAST -j ufw-skip-to-policy-input
ip netns exec host iptables -t filter -A ufw-after-logging-forward -m limit --limit 3/min --limit-burst 10 -j LOG --log-prefix '[UFW BLOCK] '
ip netns exec host iptables -t filter -A ufw-after-logging-input -m limit --limit 3/min --limit-burst 10 -j LOG --log-prefix '[UFW BLOCK] '
ip netns exec host iptables -t filter -A ufw-before-forward -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-forward -p icmp -m icmp --icmp-type 3 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-forward -p icmp -m icmp --icmp-type 11 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-forward -p icmp -m icmp --icmp-type 12 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-forward -p icmp -m icmp --icmp-type 8 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-forward -j ufw-user-forward
ip netns exec host iptables -t filter -A ufw-before-input -i lo -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-input -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-input -m conntrack --ctstate INVALID -j ufw-logging-deny
ip netns exec host iptables -t filter -A ufw-before-input -m conntrack --ctstate INVALID -j DROP
ip netns exec host iptables -t filter -A ufw-before-input -p icmp -m icmp --icmp-type 3 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-input -p icmp -m icmp --icmp-type 11 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-input -p icmp -m icmp --icmp-type 12 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-input -p icmp -m icmp --icmp-type 8 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-input -p udp -m udp --sport 67 --dport 68 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-input -j ufw-not-local
ip netns exec host iptables -t filter -A ufw-before-input -d 224.0.0.251/32 -p udp -m udp --dport 5353 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-input -d 239.255.255.250/32 -p udp -m udp --dport 1900 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-input -j ufw-user-input
ip netns exec host iptables -t filter -A ufw-before-output -o lo -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-output -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec host iptables -t filter -A ufw-before-output -j ufw-user-output
ip netns exec host iptables -t filter -A ufw-logging-allow -m limit --limit 3/min --limit-burst 10 -j LOG --log-prefix '[UFW ALLOW] '
ip netns exec host iptables -t filter -A ufw-logging-deny -m conntrack --ctstate INVALID -m limit --limit 3/min --limit-burst 10 -j RETURN
ip netns exec host iptables -t filter -A ufw-logging-deny -m limit --limit 3/min --limit-burst 10 -j LOG --log-prefix '[UFW BLOCK] '
ip netns exec host iptables -t filter -A ufw-not-local -m addrtype --dst-type LOCAL -j RETURN
ip netns exec host iptables -t filter -A ufw-not-local -m addrtype --dst-type MULTICAST -j RETURN
ip netns exec host iptables -t filter -A ufw-not-local -m addrtype --dst-type BROADCAST -j RETURN
ip netns exec host iptables -t filter -A ufw-not-local -m limit --limit 3/min --limit-burst 10 -j ufw-logging-deny
ip netns exec host iptables -t filter -A ufw-not-local -j DROP
ip netns exec host iptables -t filter -A ufw-skip-to-policy-forward -j DROP
ip netns exec host iptables -t filter -A ufw-skip-to-policy-input -j DROP
ip netns exec host iptables -t filter -A ufw-skip-to-policy-output -j ACCEPT
ip netns exec host iptables -t filter -A ufw-track-output -p tcp -m conntrack --ctstate NEW -j ACCEPT
ip netns exec host iptables -t filter -A ufw-track-output -p udp -m conntrack --ctstate NEW -j ACCEPT
ip netns exec host iptables -t filter -A ufw-user-input -p tcp -m tcp --dport 22 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-user-input -p tcp -m tcp --dport 2222 -m conntrack --ctstate NEW -m recent --set --name DEFAULT --mask 255.255.255.255 --rsource
ip netns exec host iptables -t filter -A ufw-user-input -p tcp -m tcp --dport 2222 -m conntrack --ctstate NEW -m recent --update --seconds 30 --hitcount 6 --name DEFAULT --mask 255.255.255.255 --rsource -j ufw-user-limit
ip netns exec host iptables -t filter -A ufw-user-input -p tcp -m tcp --dport 2222 -j ufw-user-limit-accept
ip netns exec host iptables -t filter -A ufw-user-input -s 10.0.0.0/24 -p tcp -m tcp --dport 80 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-user-input -s 10.0.0.0/24 -p udp -m udp --dport 80 -j ACCEPT
ip netns exec host iptables -t filter -A ufw-user-limit -m limit --limit 3/min -j LOG --log-prefix '[UFW LIMIT BLOCK] '
ip netns exec host iptables -t filter -A ufw-user-limit -j REJECT --reject-with icmp-port-unreachable
ip netns exec host iptables -t filter -A ufw-user-limit-accept -j ACCEPT
ip netns exec host iptables -t filter -A ufw-user-output -p tcp -m tcp --dport 25 -j DROP
ip netns exec host iptables -t filter -P INPUT DROP
ip netns exec host iptables -t filter -P FORWARD DROP
