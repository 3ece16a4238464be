package dev.providers.spring.boot;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest application: the starter's auto-configuration does the rest. */
@SpringBootApplication
public class TestApplication { }
