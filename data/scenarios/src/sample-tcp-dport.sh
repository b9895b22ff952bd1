# Sample command: the tcp match and a destination port
# "-p tcp -m tcp --dport 22 -s 10.1.0.10 -j DROP" in INPUT of ns2, which
# listens on TCP port 22: ns1's connection attempt gets no answer, while
# ns3's (10.2.0.10) would be accepted.

# (regenerate.sh puts the commands of tutorial-topology.sh here)
# Use modules to perform more complex operations
sudo ip netns exec ns2 iptables -A INPUT -p tcp -m tcp --dport 22 -s 10.1.0.10 -j DROP
