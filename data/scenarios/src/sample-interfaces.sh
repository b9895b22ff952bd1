# Sample commands: matching the input and output interface
# In the router ns2, "-i veth1_ns2" accepts what arrives from ns1, and
# "-o veth2_ns2 -d 10.2.0.10 -j DROP" drops what ns2 itself sends to ns3.
# ns2's own ping to ns3 fails at once: a packet dropped in OUTPUT gives
# the sender "Operation not permitted".
#
# The tutorial names the interfaces eth0 and eth1; here they are ns2's
# veth ends.

# (regenerate.sh puts the commands of tutorial-topology.sh here)
# Specify interfaces
sudo ip netns exec ns2 iptables -A INPUT -i veth1_ns2 -j ACCEPT
sudo ip netns exec ns2 iptables -A OUTPUT -o veth2_ns2 -d 10.2.0.10 -j DROP
