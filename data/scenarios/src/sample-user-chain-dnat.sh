# Sample command: a user chain with DNAT
# A chain of one's own in the nat table of the router ns2, called from
# PREROUTING: packets to 10.9.0.10, an address nobody has, go to ns3
# (10.2.0.10) instead, and ns1's ping to 10.9.0.10 is answered.
#
# The tutorial writes "iptables -N my_chain" without "-t nat" and
# "iptables -A -t nat -A PREROUTING", which iptables refuses; these are
# the commands that work.  Its addresses are those of this topology.

# (regenerate.sh puts the commands of tutorial-topology.sh here)
# Create a new chain, add a rule, and add it to chain PREROUTING of the nat table
sudo ip netns exec ns2 iptables -t nat -N my_chain
sudo ip netns exec ns2 iptables -t nat -A my_chain -d 10.9.0.10 -j DNAT --to-destination 10.2.0.10
sudo ip netns exec ns2 iptables -t nat -A PREROUTING -j my_chain
# List the nat table with line numbers
sudo ip netns exec ns2 iptables -t nat -L -n --line-numbers
