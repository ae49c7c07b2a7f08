package dev.yubin.mda.web;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the policy service (the directory, which checks passwords) listens. */
@ConfigurationProperties("yubin.policy")
record PolicyProperties(@DefaultValue("http://127.0.0.1:8084") URI url) {}
