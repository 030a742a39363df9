#!/bin/sh
test_done
