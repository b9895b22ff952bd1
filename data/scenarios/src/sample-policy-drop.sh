# Sample command: a default policy of DROP
# "iptables -P INPUT DROP" in the router ns2: a packet that no rule of
# INPUT accepts is dropped.  ns1's ping to ns2 (10.1.0.1) gets no reply,
# while a ping through ns2 to ns3 still works: forwarded packets do not
# go through INPUT.

# (regenerate.sh puts the commands of tutorial-topology.sh here)
# Set default policy: if no rule matches then drop the packet
sudo ip netns exec ns2 iptables -P INPUT DROP
# The chain, as iptables lists it
sudo ip netns exec ns2 iptables -L INPUT -n
